package io.herald.decide;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The preferences API over the real store, on H2 as the default run has it. */
class PreferenceControllerTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    private NamedParameterJdbcTemplate jdbc;
    private MockMvc api;

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:herald-prefs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/h2").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(h2);
        PreferenceStore store = new PreferenceStore(jdbc, new SqlFiles(),
                new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        api = MockMvcBuilders.standaloneSetup(new PreferenceController(store, beans.getBeanProvider(Clock.class)))
                .build();
    }

    @Test
    void knownCustomerGetsTheEffectiveMatrixOfAllTwelveTypes() throws Exception {
        jdbc.getJdbcTemplate().update("INSERT INTO customer (customer_id, channel_preference, updated_at) "
                + "VALUES ('C-1', 'EMAIL', ?)", NOW.atOffset(ZoneOffset.UTC));

        api.perform(get("/api/v1/customers/C-1/preferences"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"channels": {"email": true, "sms": true, "push": false},
                         "smsStopped": false, "emailUnsubscribed": false}"""))
                .andExpect(jsonPath("$.types.length()").value(12))
                .andExpect(jsonPath("$.types.shipped.email").value(true))
                .andExpect(jsonPath("$.types.returned.push").value(true));
    }

    @Test
    void unknownCustomerIsNotFound() throws Exception {
        api.perform(get("/api/v1/customers/C-nobody/preferences"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://herald.dev/problems/unknown-customer"));
    }

    @Test
    void putStoresTheCustomersChoicesAndAnswersTheNewMatrix() throws Exception {
        api.perform(put("/api/v1/customers/C-2/preferences").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channels": {"sms": false}, "types": {"shipped": {"email": false}}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels.sms").value(false))
                .andExpect(jsonPath("$.types.shipped.email").value(false))
                .andExpect(jsonPath("$.types.delivered.email").value(true));

        api.perform(get("/api/v1/customers/C-2/preferences"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels.sms").value(false))
                .andExpect(jsonPath("$.types.shipped.email").value(false));
    }

    @Test
    void putRefusesACriticalTypeSwitchedOffAndUnknownNamesWith422() throws Exception {
        api.perform(put("/api/v1/customers/C-3/preferences").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channels": {"fax": true}, "types": {"delayed": {"sms": false}, "shipped": {"email": false}}}"""))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(2));

        // nothing of a refused change is stored
        api.perform(get("/api/v1/customers/C-3/preferences"))
                .andExpect(status().isNotFound());
    }

    @Test
    void putThatIsNotJsonIsABadRequest() throws Exception {
        api.perform(put("/api/v1/customers/C-4/preferences").contentType(MediaType.APPLICATION_JSON).content("{"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
