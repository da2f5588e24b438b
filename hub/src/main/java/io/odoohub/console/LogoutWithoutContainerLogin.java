package io.odoohub.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * In front of Hawtio's {@code /auth/logout}. Hawtio's LogoutServlet first calls {@code request.logout()}, which Jetty 12
 * answers with "logout failed" when the container did no login (here Hawtio logs in itself), so the servlet fails
 * with a 500 before it ends the Hawtio session. With nothing to undo in the container, that call does nothing here;
 * Hawtio then logs the subject out of the JAAS realm and invalidates the session as usual.
 */
final class LogoutWithoutContainerLogin implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public void logout() {
                    // no container login to end
                }
            }, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
