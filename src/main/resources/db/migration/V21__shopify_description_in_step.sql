-- The hash of Odoo's description when it last matched Shopify's (after the hub wrote it, or pushed it): the push sends
-- a description only when Odoo's has moved away from it, so Odoo's HTML sanitising of what came from Shopify is not
-- sent back. NULL (rows from before): Odoo's description is compared with Shopify's only.
ALTER TABLE shopify_product_state ADD COLUMN odoo_description_hash VARCHAR(64);
