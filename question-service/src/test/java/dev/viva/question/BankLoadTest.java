package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import dev.viva.question.service.BankService;
import dev.viva.question.service.BankStartup;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The shipped bank as a whole: complete, consistent with BANK.md, and loaded idempotently. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class BankLoadTest {

    @Inject
    BankService bank;

    @Inject
    BankStartup startup;

    @Test
    void everyBankFileLoadedWithoutASkippedEntry() {
        assertThat(startup.lastReport()).isNotNull();
        assertThat(startup.lastReport().rejected()).isEmpty();
    }

    @Test
    void theShippedBankIsCompleteAndFollowsBankMd() throws IOException {
        List<String> ids = sharedIds();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();

        String bankMd = Files.readString(Path.of("BANK.md"));
        Set<String> categories = new HashSet<>();
        Set<String> tags = new HashSet<>();
        String team = Fixtures.unique("team");
        for (String id : ids) {
            JsonPath r = RubricVersioningTest.rubric(team, id, null);
            String where = "question " + id;
            categories.add(r.getString("category"));
            tags.addAll(given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + id)
                    .then().statusCode(200).extract().jsonPath().getList("tags", String.class));
            assertThat(r.getString("referenceAnswer")).as(where).isNotBlank();
            assertThat(r.getString("referenceAnswer").split("\\s+").length).as(where + " reference answer words")
                    .isBetween(40, 260);
            List<Map<String, Object>> keyPoints = r.getList("keyPoints");
            assertThat(keyPoints).as(where).hasSizeGreaterThanOrEqualTo(4);
            assertThat(keyPoints).as(where + " required key point").anyMatch(k -> Boolean.TRUE.equals(k.get("required")));
            assertThat(keyPoints).as(where + " key point terms").allSatisfy(k -> {
                assertThat((List<?>) k.get("terms")).isNotEmpty();
                assertThat((Integer) k.get("weight")).isBetween(1, 5);
            });
            List<Map<String, Object>> criteria = r.getList("criteria");
            assertThat(criteria).as(where).isNotEmpty().allSatisfy(c -> {
                List<Map<String, Object>> levels = (List<Map<String, Object>>) c.get("levels");
                assertThat(levels).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(l -> assertThat((String) l.get("descriptor")).isNotBlank());
            });
            assertThat(r.getList("redFlags")).as(where).isNotEmpty();
            assertThat(r.getList("followUps")).as(where).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(categories).containsExactlyInAnyOrderElementsOf(section(bankMd, "## Categories"));
        assertThat(tags).as("every tag of the BANK.md vocabulary is used").containsAll(section(bankMd, "## Tag vocabulary"));
    }

    @Test
    void loadingAgainCreatesNoVersion() {
        Map<String, Integer> before = currentVersions();
        BankService.LoadReport again = bank.loadBank();
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(before.size());
        assertThat(currentVersions()).isEqualTo(before);
    }

    @Test
    void instancesLoadingAtOnceTakeTurnsAndCreateNothing() throws Exception {
        Map<String, Integer> before = currentVersions();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(bank::loadBank);
            var second = pool.submit(bank::loadBank);
            for (var load : List.of(first.get(), second.get())) {
                assertThat(load.created() + load.updated()).isZero();
                assertThat(load.rejected()).isEmpty();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(currentVersions()).isEqualTo(before);
    }

    private static Map<String, Integer> currentVersions() {
        Map<String, Integer> versions = new HashMap<>();
        String team = Fixtures.unique("team");
        JsonPath page = given().header("Authorization", Fixtures.admin(team))
                .when().get("/api/questions?includeRetired=true&size=100").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        items.forEach(i -> versions.put((String) i.get("id"), (Integer) i.get("rubricVersion")));
        assertThat(page.getInt("total")).isLessThanOrEqualTo(100);
        return versions;
    }

    private static List<String> sharedIds() {
        List<String> ids = new ArrayList<>();
        String team = Fixtures.unique("team");
        for (int page = 0; ; page++) {
            JsonPath p = QuestionListTest.list(team, "size=100&page=" + page);
            ids.addAll(p.getList("items.id", String.class));
            if ((long) (page + 1) * 100 >= p.getLong("total")) {
                return ids;
            }
        }
    }

    /** The backquoted words of a BANK.md section, or its comma-separated words when it has none. */
    private static Set<String> section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as(heading + " in BANK.md").isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length());
        String body = markdown.substring(markdown.indexOf('\n', start) + 1, end < 0 ? markdown.length() : end);
        body = body.replaceAll("(?m)^\\(.*\\)$", "");
        Set<String> words = new HashSet<>();
        var quoted = java.util.regex.Pattern.compile("`([a-z0-9-]+)`").matcher(body);
        while (quoted.find()) {
            words.add(quoted.group(1));
        }
        if (words.isEmpty()) {
            Arrays.stream(body.split("[,\\s]+")).map(String::strip).filter(w -> w.matches("[a-z0-9-]+")).forEach(words::add);
        }
        return words;
    }
}
