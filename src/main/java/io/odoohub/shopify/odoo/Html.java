package io.odoohub.shopify.odoo;

/** Shopify's body_html -> plain text for Odoo's sales description (and back, for the push). */
public final class Html {

    private Html() {
    }

    public static String toText(String html) {
        if (html == null) {
            return null;
        }
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>", "\n").replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.replaceAll("[ \\t]+\\n", "\n").strip();
    }
}
