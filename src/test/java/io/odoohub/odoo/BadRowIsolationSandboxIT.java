package io.odoohub.odoo;

import io.odoohub.sandbox.OdooSandbox;
import io.odoohub.testsupport.SandboxClients;
import org.junit.jupiter.api.AfterEach;

/** {@link BadRowIsolationContract} against the sandbox, which blames only the bad records and all of them. */
class BadRowIsolationSandboxIT extends BadRowIsolationContract {

    private OdooSandbox sandbox;

    @Override
    OdooClient client() {
        sandbox = SandboxClients.start();
        return SandboxClients.client(sandbox);
    }

    @Override
    int innocentsBlamed() {
        return 0;
    }

    @Override
    int mostBlamedPerCall() {
        return Integer.MAX_VALUE;
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }
}
