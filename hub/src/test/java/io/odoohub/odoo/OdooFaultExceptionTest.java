package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooTransportException;

import io.odoohub.odoo.fault.OdooFaultException;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OdooFaultExceptionTest {

    private static final String TRACEBACK = """
            Traceback (most recent call last):
              File "/usr/lib/python3/dist-packages/odoo/addons/base/controllers/rpc.py", line 150, in xmlrpc_2
                response = self._xmlrpc(service)
              File "/usr/lib/python3/dist-packages/odoo/models.py", line 4000, in _validate_fields
                raise ValueError("Invalid field %r on model %r" % (name, self._name))
            ValueError: Invalid field 'bogus_field' on model 'res.partner'
            """;

    @Test
    void fault1TakesTypeAndMessageFromTheTracebacksLastLine() {
        OdooFaultException e = new OdooFaultException("res.partner.create", 1, TRACEBACK);
        assertThat(e.getKind()).isEqualTo(OdooFaultException.Kind.SERVER_ERROR);
        assertThat(e.getOdooType()).isEqualTo("ValueError");
        assertThat(e.getOdooMessage()).isEqualTo("Invalid field 'bogus_field' on model 'res.partner'");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("res.partner.create").contains("ValueError").doesNotContain("Traceback");
    }

    @Test
    void capturedTracebacksFromARealOdooAreParsed() throws IOException {
        Path wire = Path.of(System.getProperty("odoohub.wireDir", "../shared/odoo-wire"));
        String body = Files.readString(wire.resolve("04e_unknown_field_in_vals.resp.xml"));
        String faultString = new io.odoohub.xmlrpc.XmlRpcReader(io.odoohub.xmlrpc.XmlRpcLimits.DEFAULT)
                .readResponse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).fault().faultString();
        OdooFaultException e = new OdooFaultException("res.partner.create", 1, faultString);
        assertThat(e.getOdooType()).isEqualTo("ValueError");
        assertThat(e.getOdooMessage()).contains("bogus_field");
    }

    @Test
    void serializationLockAndDeadlockFailuresAreRetryable() {
        assertThat(new OdooFaultException("x", 1, "Traceback...\npsycopg2.errors.SerializationFailure: could not serialize access due to concurrent update")
                .isRetryable()).isTrue();
        assertThat(new OdooFaultException("x", 1, "Traceback...\npsycopg2.errors.LockNotAvailable: could not obtain lock").isRetryable()).isTrue();
        assertThat(new OdooFaultException("x", 1, "Traceback...\npsycopg2.errors.DeadlockDetected: deadlock detected").isRetryable()).isTrue();
    }

    @Test
    void userAccessAndOtherFaultsArePermanent() {
        assertThat(new OdooFaultException("x", 2, "Record does not exist or has been deleted.").isRetryable()).isFalse();
        assertThat(new OdooFaultException("x", 3, "Access Denied").getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_DENIED);
        assertThat(new OdooFaultException("x", 3, "Access Denied").isRetryable()).isFalse();
        assertThat(new OdooFaultException("x", 4, "Private methods ...").isRetryable()).isFalse();
        OdooFaultException user = new OdooFaultException("x", 2, "You cannot create recursive Partner hierarchies.");
        assertThat(user.getOdooType()).isNull();
        assertThat(user.getOdooMessage()).isEqualTo("You cannot create recursive Partner hierarchies.");
    }

    @Test
    void theMarshalNoneFaultIsRecognised() {
        OdooFaultException e = new OdooFaultException("res.partner.action_archive", 1,
                "Traceback (most recent call last):\n  ...\nTypeError: cannot marshal None unless allow_none is enabled");
        assertThat(e.isMarshalNone()).isTrue();
        assertThat(e.getOdooType()).isEqualTo("TypeError");
        assertThat(new OdooFaultException("x", 1, "TypeError: something else").isMarshalNone()).isFalse();
    }

    @Test
    void transportStatusesAreClassified() {
        assertThat(OdooTransportException.isRetryableStatus(503)).isTrue();
        assertThat(OdooTransportException.isRetryableStatus(429)).isTrue();
        assertThat(OdooTransportException.isRetryableStatus(502)).isTrue();
        assertThat(OdooTransportException.isRetryableStatus(504)).isTrue();
        assertThat(OdooTransportException.isRetryableStatus(404)).isFalse();
        assertThat(OdooTransportException.isRetryableStatus(500)).isFalse();
    }
}
