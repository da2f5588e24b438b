-- The hash of Odoo's description when it last matched Shopify's (after the hub wrote it, or pushed it): the push sends
-- a description only when Odoo's has moved away from it, so Odoo's HTML sanitising of what came from Shopify is not
-- sent back. Descriptions now go to Odoo's HTML description (before: the plain-text sales description), which the hub
-- never wrote for the products it already has: their in-step description is the empty one (SHA-256 of ''), so they
-- are not sent until someone writes one in Odoo. NULL (nothing known of Odoo's side, as for rows recorded without it):
-- Odoo's description is compared with Shopify's only.
ALTER TABLE shopify_product_state ADD COLUMN odoo_description_hash VARCHAR(64);
UPDATE shopify_product_state SET odoo_description_hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
