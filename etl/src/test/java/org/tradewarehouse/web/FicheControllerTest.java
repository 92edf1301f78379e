package org.tradewarehouse.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.ProductLevel;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The routes, their parameters and both kinds of errors, without a database: pages answer errors as HTML, the API as
 * application/problem+json. (FicheWebTest checks the same routes on a loaded warehouse.)
 */
@WebMvcTest(FicheController.class)
class FicheControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    FicheService fiches;
    @MockitoBean
    TerritoryIndex territories;
    @MockitoBean
    PageRenderer renderer;
    @MockitoBean
    PageAssets assets;

    @BeforeEach
    void fiches() {
        when(renderer.problem(anyString(), anyString(), anyString())).thenReturn("<html>problème</html>");
        when(fiches.fiche(eq("dep:00"), anyInt(), any())).thenThrow(
                new FicheNotFoundException(FicheNotFoundException.Missing.TERRITORY, "no territory dep:00"));
        when(fiches.fiche(eq("dep:87"), eq(1999), any())).thenThrow(
                new FicheNotFoundException(FicheNotFoundException.Missing.YEAR, "no 1999"));
        when(fiches.loadedYears()).thenReturn(List.of(2023, 2024));
    }

    @Test
    void theApiTakesTheTerritorysSlugTheYearAndTheLevel() throws Exception {
        mvc.perform(get("/api/fiches/reg-09/2023?level=cpf4")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        verify(fiches).fiche("reg:09", 2023, ProductLevel.CPF4);
        mvc.perform(get("/api/fiches/fr/2024")).andExpect(status().isOk());
        verify(fiches).fiche("fr", 2024, ProductLevel.A129);
    }

    @Test
    void apiErrorsAreProblemsInJson() throws Exception {
        mvc.perform(get("/api/fiches/dep-00/2024")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Fiche introuvable"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("/api/fiches/dep-87/2024")))
                .andExpect(jsonPath("$.instance").value("/api/fiches/dep-00/2024"));
        mvc.perform(get("/api/fiches/dep-87/1999")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Années disponibles : 2023, 2024")));
        mvc.perform(get("/api/fiches/dep-87/deux-mille")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/fiches/dep-87/2024?level=a99")).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Niveau de produits inconnu : utilisez level=a129, a38 ou cpf4."));
        mvc.perform(get("/api/nulle-part")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void pageErrorsArePages() throws Exception {
        for (String path : List.of("/fiches/dep-00/2024", "/fiches/dep-87/1999", "/fiches/dep-87/deux-mille", "/nulle-part")) {
            mvc.perform(get(path)).andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                    .andExpect(content().string("<html>problème</html>"));
        }
        mvc.perform(get("/fiches/dep-87/2024?level=a99")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
        verify(renderer).problem("Fiche introuvable", "Ce territoire n'existe pas. Les adresses des fiches sont de la forme"
                + " /fiches/dep-87/2024, /fiches/reg-09/2024 ou /fiches/fr/2024 (codes des Douanes).", "/");
    }
}
