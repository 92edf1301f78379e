package org.tradewarehouse.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.FicheService;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Errors as pages that say what went wrong in the reader's terms and link back to the index; never a stack trace.
 * An unknown territory or year is a 404, a bad product level a 400. Under /api/, the same errors as
 * application/problem+json (RFC 9457, Spring's ProblemDetail): a script reading the API gets JSON, not a page.
 */
@RestControllerAdvice
class WebErrors {

    private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

    private final PageRenderer renderer;
    private final FicheService fiches;

    WebErrors(PageRenderer renderer, FicheService fiches) {
        this.renderer = renderer;
        this.fiches = fiches;
    }

    @ExceptionHandler(FicheNotFoundException.class)
    public ResponseEntity<?> noFiche(FicheNotFoundException e, HttpServletRequest request) {
        String fiches = isApi(request) ? "/api/fiches/" : "/fiches/";
        String message = e.missing() == FicheNotFoundException.Missing.TERRITORY
                ? "Ce territoire n'existe pas. Les adresses des fiches sont de la forme " + fiches + "dep-87/2024, "
                  + fiches + "reg-09/2024 ou " + fiches + "fr/2024 (codes des Douanes)."
                : "Cette année n'est pas chargée pour ce territoire. Années disponibles : " + years() + ".";
        return answer(request, HttpStatus.NOT_FOUND, "Fiche introuvable", message);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<?> badYear(HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, "Fiche introuvable",
                "L'année doit être un nombre, par exemple " + (isApi(request) ? "/api" : "") + "/fiches/dep-87/2024.");
    }

    @ExceptionHandler(FicheController.UnknownLevelException.class)
    public ResponseEntity<?> badLevel(HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, "Requête incorrecte",
                "Niveau de produits inconnu : utilisez level=a129, a38 ou cpf4.");
    }

    /** Spring's own request errors (no such page, method not allowed...) keep their status; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<?> failure(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            return status == HttpStatus.NOT_FOUND
                    ? answer(request, status, "Page introuvable", "Cette page n'existe pas.")
                    : answer(request, status, "Requête incorrecte",
                            "Cette adresse ne donne pas de page (" + status.getReasonPhrase() + ").");
        }
        log.error("page failed", e);
        return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "Erreur du serveur",
                "La page n'a pas pu être produite (erreur du serveur, détaillée dans son journal).");
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** The error as a page, or under /api/ as a problem in JSON with the same title and message. */
    private ResponseEntity<?> answer(HttpServletRequest request, HttpStatus status, String heading, String message) {
        if (isApi(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
            problem.setTitle(heading);
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return page(status, heading, message);
    }

    private String years() {
        List<Integer> years = fiches.loadedYears();
        return years.isEmpty() ? "aucune" : years.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private ResponseEntity<String> page(HttpStatus status, String heading, String message) {
        return ResponseEntity.status(status).contentType(FicheController.HTML).body(renderer.problem(heading, message, "/"));
    }
}
