package io.odoohub.runtime;

public final class HubMain {
    public static void main(String[] args) throws Exception {
    }
}
