-- A campaign's template header parameter (a product photo, a text) and its buttons' parameters (a coupon code, the
-- end of a link), the same for every recipient: {"type":"image","link":"https://..."} and [{"index":0,...}]; NULL
-- when the template takes none.
ALTER TABLE campaign ADD COLUMN header_json TEXT;
ALTER TABLE campaign ADD COLUMN buttons_json TEXT;
