package io.herald.support;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The problem+json (RFC 9457) answers of Herald's APIs, their types under {@link #TYPE_BASE}. */
public final class ProblemAnswers {

    /** Where the problem types are named: {@code https://herald.dev/problems/unknown-customer}. */
    public static final String TYPE_BASE = "https://herald.dev/problems/";

    private ProblemAnswers() {
    }

    /** An answer with this status, the problem type named {@code type}, its title and what went wrong. */
    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
