-- What the Shopify connector knows Shopify has, so the push skips values Shopify already has and never echoes back
-- what came from Shopify; and its cursors (push write_date, initial import pages).
CREATE TABLE shopify_cursor (
    name          VARCHAR(100)  NOT NULL PRIMARY KEY,
    cursor_value  VARCHAR(4000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE shopify_variant_state (
    variant_id         BIGINT       NOT NULL PRIMARY KEY,
    product_id         BIGINT       NOT NULL,
    inventory_item_id  BIGINT,
    price              VARCHAR(40),
    odoo_price         VARCHAR(40),
    quantity           INTEGER,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shopify_variant_state_item ON shopify_variant_state (inventory_item_id);

CREATE TABLE shopify_product_state (
    product_id        BIGINT      NOT NULL PRIMARY KEY,
    description_hash  VARCHAR(64),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
