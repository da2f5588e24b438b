package io.odoohub.googleads.client;

import com.google.ads.googleads.v23.services.ClickConversion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import io.odoohub.googleads.model.ConversionCandidate;

/** {@link ConversionCandidate} -> Google's ClickConversion, its time in the account's zone with the offset. */
public final class ConversionMapper {

    /** {@code yyyy-mm-dd hh:mm:ss+hh:mm}; "xxx" writes +00:00 where "XXX" would write Z, which Google refuses. */
    static final DateTimeFormatter GOOGLE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

    private ConversionMapper() {
    }

    public static ClickConversion toClickConversion(ConversionCandidate c, String conversionAction, ZoneId accountZone) {
        return ClickConversion.newBuilder()
                .setGclid(c.gclid())
                .setConversionAction(conversionAction)
                .setConversionDateTime(GOOGLE_DATE_TIME.format(c.at().atZone(accountZone)))
                .setConversionValue(BigDecimal.valueOf(c.value()).setScale(2, RoundingMode.HALF_EVEN).doubleValue())
                .setCurrencyCode(c.currency())
                .setOrderId(c.reference())
                .build();
    }
}
