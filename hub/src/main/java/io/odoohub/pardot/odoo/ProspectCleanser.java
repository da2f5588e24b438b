package io.odoohub.pardot.odoo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.regex.Pattern;
import io.odoohub.pardot.model.PardotProspect;

/**
 * Validation and cleansing before a prospect reaches Odoo: a valid email is required (it is the lead's key),
 * phones become E.164, company names are cut to the length Odoo's UI and reports handle.
 */
public final class ProspectCleanser {

    /** Longest company name written; Odoo's char fields have no size, but names past this break reports and exports. */
    public static final int COMPANY_MAX = 128;
    // local@domain.tld, no spaces, one @, a dot in the domain: what Odoo's email_normalize accepts in practice
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    public ProspectCleanser(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** Why the prospect cannot be synchronised, or null when it can. */
    public static String invalidReason(PardotProspect p) {
        if (p.email() == null) {
            return "prospect " + p.id() + " has no email address; a lead needs one";
        }
        if (p.email().length() > 254 || !EMAIL.matcher(p.email()).matches()) {
            return "prospect " + p.id() + " has no valid email address: '" + p.email() + "'";
        }
        return null;
    }

    static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * E.164 ({@code +3225551234}) when the number parses as a possible number (numbers without a country code are read
     * in the prospect's country, else the default region); otherwise the text as it was, so nothing is lost.
     */
    public String phone(String raw, String country) {
        if (raw == null) {
            return null;
        }
        String region = country != null && country.length() == 2 ? country.toUpperCase(Locale.ROOT) : defaultRegion;
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(raw, region);
            return PHONES.isPossibleNumber(n) ? PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : raw;
        } catch (NumberParseException e) {
            return raw;
        }
    }

    /** Cut at {@link #COMPANY_MAX} characters, on a word boundary when one is near, never inside a surrogate pair. */
    static String company(String company) {
        if (company == null || company.codePointCount(0, company.length()) <= COMPANY_MAX) {
            return company;
        }
        int end = company.offsetByCodePoints(0, COMPANY_MAX);
        int space = company.lastIndexOf(' ', end);
        return (space > COMPANY_MAX - 20 ? company.substring(0, space) : company.substring(0, end)).trim();
    }
}
