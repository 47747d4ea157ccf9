package dev.viva.grader.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.viva.grader.domain.Rubric;
import dev.viva.grader.llm.Grader;
import dev.viva.grader.llm.OpenAiGrader;
import dev.viva.grader.support.FakeUpstreams;

/**
 * The harness with an OpenAI-compatible model, configured as {@code deploy/viva calibrate} configures
 * it (OPENAI_BASE_URL), through the real openai-java SDK against the fake server. The fake model calls
 * every key point covered with the answer's first words, so it agrees with itself on every repetition
 * and fails the bar: the harness tells a team not to trust a model that says yes to everything.
 */
class CalibrationLlmTest {

    static FakeUpstreams upstreams = new FakeUpstreams();
    static String baseUrl;

    @BeforeAll
    static void start() {
        upstreams.start();
        baseUrl = FakeUpstreams.baseUrl() + "/v1";
    }

    @AfterAll
    static void stop() {
        upstreams.stop();
    }

    @Test
    void anLlmIsGradedKTimesAndAYesSayerFailsTheBar() throws Exception {
        Grader grader = CalibrateMain.grader(Map.of("OPENAI_BASE_URL", baseUrl, "OPENAI_MODEL", "fake-model"));
        assertThat(grader).isInstanceOf(OpenAiGrader.class);
        Map<String, Rubric> rubrics = BankRubrics.read(Path.of("../question-service/src/main/resources/bank"));
        LabeledSet full = LabeledSet.read(Path.of("src/test/resources/calibration/tuning.yaml"));
        List<LabeledSet.Item> items = full.items().stream()
                .filter(i -> i.questionId().equals("rag-embeddings-search") || i.questionId().equals("serve-caching-layers")).toList();
        LabeledSet set = new LabeledSet("llm-sample", full.scale(), full.levels(), full.gaming(), items);

        Calibration.Report report = Calibration.run(grader, set, rubrics, 3);
        report.print(System.out);

        assertThat(report.grader()).isEqualTo("fake-model");
        assertThat(report.repeats()).isEqualTo(3);
        assertThat(report.failures()).isZero();
        assertThat(report.identicalShare()).isEqualTo(1.0);
        assertThat(report.graded()).allSatisfy(g -> assertThat(g.scores()).hasSize(3));
        assertThat(CalibrateMain.meetsBar(report)).isFalse();
        assertThat(report.gamingOverCeiling()).isNotEmpty(); // the keyword list and the injection got credit
    }
}
