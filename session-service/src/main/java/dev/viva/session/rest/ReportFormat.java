package dev.viva.session.rest;

import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.MediaType;

/** Picks the report's representation from Accept (already ordered by preference); JSON for wildcards. */
final class ReportFormat {

    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(SessionResource.MARKDOWN), MediaType.TEXT_HTML_TYPE);

    private ReportFormat() {
    }

    static MediaType choose(List<MediaType> acceptable) {
        if (acceptable == null || acceptable.isEmpty()) {
            return MediaType.APPLICATION_JSON_TYPE;
        }
        for (MediaType wanted : acceptable) {
            if ("0".equals(wanted.getParameters().get("q"))) {
                continue;
            }
            for (MediaType offered : OFFERED) {
                if (wanted.isCompatible(offered)) {
                    return offered;
                }
            }
        }
        throw new NotAcceptableException();
    }
}
