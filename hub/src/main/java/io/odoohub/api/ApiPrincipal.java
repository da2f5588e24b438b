package io.odoohub.api;

/** Who called: the name of the token presented and its role (exchange property {@link ApiGuard#PRINCIPAL}). */
public record ApiPrincipal(String name, Role role) {
}
