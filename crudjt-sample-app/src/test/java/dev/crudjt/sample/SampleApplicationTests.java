package dev.crudjt.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.util.FileSystemUtils;

/**
 * Tests of the endpoints against a master on a temporary store, through MockMvc. The store path
 * is a system property so that the key file post-processor, which runs before test property
 * sources exist, sees it and creates the key file there, as on a first real start.
 */
@SpringBootTest(properties = "crudjt.grpc.port=0")
@AutoConfigureMockMvc
class SampleApplicationTests {

    private static final Path STORE = createStore();

    static {
        System.setProperty("crudjt.store.path", STORE.toString());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void removeStore() throws IOException {
        System.clearProperty("crudjt.store.path");
        FileSystemUtils.deleteRecursively(STORE);
    }

    @Test
    void firstStartCreatesTheKeyFileInTheStoreDirectory() {
        assertThat(STORE.resolve("secret.key")).isRegularFile();
        assertThat(STORE.resolve("crudjt.mv.db")).isRegularFile();
    }

    @Test
    void loginReturnsATokenThatAuthenticatesMe() throws Exception {
        String token = login("alice", "alice-pass");

        this.mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.role").value("admin"))
                .andExpect(jsonPath("$.ttl").value(2_592_000));
    }

    @Test
    void wrongPasswordAndUnknownUserGive401() throws Exception {
        for (String body : new String[] {"{\"username\":\"alice\",\"password\":\"bob-pass\"}",
                "{\"username\":\"mallory\",\"password\":\"x\"}"}) {
            this.mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                    .content(body))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.error").value("invalid_credentials"));
        }
    }

    @Test
    void badOrIncompleteJsonGives400WithAMessage() throws Exception {
        this.mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                .content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("bad_request"));
        this.mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"alice\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message")
                        .value("Fields 'username' and 'password' are required"));
        String token = login("alice", "alice-pass");
        this.mvc.perform(put("/api/me/role").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"root\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        org.hamcrest.Matchers.startsWith("Field 'role' must be one of")));
    }

    @Test
    void requestsWithoutAValidBearerTokenGive401WithAChallenge() throws Exception {
        this.mvc.perform(get("/api/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"crudjt-sample\""));
        for (String value : new String[] {"Bearer AAAAAAAAAAAAAAAAAAAAAA", "Bearer ",
                "Basic YWxpY2U6YWxpY2UtcGFzcw==", "Bearer " + "x".repeat(5000)}) {
            this.mvc.perform(get("/api/me").header("Authorization", value))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.error").value("invalid_token"))
                    .andExpect(header().string("WWW-Authenticate",
                            org.hamcrest.Matchers.containsString("error=\"invalid_token\"")));
        }
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String token = login("bob", "bob-pass");

        this.mvc.perform(post("/api/logout").header("Authorization", "Bearer " + token))
                .andExpect(status().isNoContent());

        this.mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void onlyAdminsChangeTheirRoleAndTheTtlIsKept() throws Exception {
        String bob = login("bob", "bob-pass");
        String alice = login("alice", "alice-pass");

        this.mvc.perform(put("/api/me/role").header("Authorization", "Bearer " + bob)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"admin\"}"))
                .andExpect(status().isForbidden());
        this.mvc.perform(put("/api/me/role").header("Authorization", "Bearer " + alice)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"user\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("user"));

        MvcResult me = this.mvc.perform(get("/api/me").header("Authorization", "Bearer " + alice))
                .andExpect(jsonPath("$.role").value("user")).andReturn();
        assertThat(JSON.readTree(me.getResponse().getContentAsString()).get("ttl").asLong())
                .isBetween(2_591_990L, 2_592_000L);
    }

    @Test
    void oneTimeLinkOpensExactlyOnce() throws Exception {
        String token = login("bob", "bob-pass");
        MvcResult created = this.mvc.perform(post("/api/one-time-links")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"once\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.expires_in").value(900)).andReturn();
        String path = JSON.readTree(created.getResponse().getContentAsString()).get("path")
                .asText();

        this.mvc.perform(get(path).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.note").value("once"))
                .andExpect(jsonPath("$.created_by").value(2));

        this.mvc.perform(get(path).header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
        this.mvc.perform(get("/api/one-time-links/" + token)
                .header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
    }

    private String login(String user, String password) throws Exception {
        MvcResult result = this.mvc.perform(post("/api/login")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .andExpect(status().isOk()).andReturn();
        return JSON.readTree(result.getResponse().getContentAsString()).get("token").asText();
    }

    private static Path createStore() {
        try {
            return Files.createTempDirectory("crudjt-sample-test");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
