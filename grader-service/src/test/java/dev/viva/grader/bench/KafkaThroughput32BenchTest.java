package dev.viva.grader.bench;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link KafkaThroughputBench} at 32 in flight: {@code ./mvnw -pl grader-service -am test -Dbench=true -Dtest='KafkaThroughput*'}. */
@QuarkusTest
@TestProfile(KafkaThroughput32BenchTest.Profile.class)
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class KafkaThroughput32BenchTest extends KafkaThroughputBench {

    public static class Profile extends InFlight {
        @Override
        int inFlight() {
            return 32;
        }
    }

    @Override
    int inFlight() {
        return 32;
    }
}
