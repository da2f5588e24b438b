package io.odoohub.odoo;

/**
 * Source keys as the name part of an Odoo external id. Letters, digits and '-' stay as they are; any other
 * character becomes {@code _<hex>_}, so the encoding is injective and readable for ordinary SKUs.
 */
public final class ExternalIds {

    private ExternalIds() {
    }

    public static String encode(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an external id needs a non-empty key");
        }
        StringBuilder sb = new StringBuilder(key.length() + 8);
        key.codePoints().forEach(cp -> {
            if (cp < 128 && (Character.isLetterOrDigit(cp) || cp == '-')) {
                sb.append((char) cp);
            } else {
                sb.append('_').append(Integer.toHexString(cp)).append('_');
            }
        });
        return sb.toString();
    }
}
