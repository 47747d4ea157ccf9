package dev.viva.grader.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The claim-by-claim check against a rubric's facts, on its own (no embedding model involved). */
class ConsistencyTest {

    static final List<Consistency.Fact> FACTS = Consistency.facts(List.of(
            "Prefix caching reuses the KV cache of a shared prompt beginning across requests, cutting time to first token.",
            "KV cache memory grows with context length and with the number of concurrent requests."));
    static final Set<String> PROMPT = Set.of("cach", "llm", "serv");

    static List<Consistency.Claim> claims(String sentence) {
        return Consistency.claims(sentence, FACTS, PROMPT);
    }

    @Test
    void aChangeInTheOppositeDirectionContradictsTheFact() {
        assertThat(claims("Prefix caching makes the time to first token longer for shared beginnings."))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(claims("Prefix caching reduces the time to first token for shared beginnings."))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void needingMoreIsTheOppositeOfSaving() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "Latent diffusion runs the process in an autoencoder's compressed latent space to save compute."));
        Set<String> prompt = Set.of("diffusion", "imag");
        assertThat(Consistency.claims("Latent diffusion needs more compute than pixel diffusion.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Latent diffusion saves compute by working in a compressed latent space.", facts, prompt))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void twoNegativeStatementsDoNotContradictEachOtherByPolarity() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "Few-shot works through in-context learning and does not update the model's weights.",
                "This in-context learning changes no weights and lasts only for that request."));
        Set<String> prompt = Set.of("few", "shot", "zero");
        assertThat(Consistency.claims("It works through in-context learning: nothing is trained and the weights do not change.",
                facts, prompt)).noneMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Few-shot prompting updates the model's weights with the examples.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
    }

    @Test
    void dismissingWhatTheRubricAssertsContradictsItEvenInTheQuestionsOwnWords() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "A reward model is trained on the preference comparisons to score responses.",
                "Direct preference optimisation reaches the same goal without a separate reward model."));
        Set<String> prompt = Set.of("reward", "model", "rlhf", "kl", "penalti");
        assertThat(Consistency.claims("Labelers score every sample, so no reward model is needed at all.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("In direct preference optimisation no reward model is needed.", facts, prompt))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void aPronounCarriesTheSubjectOfTheClaimBeforeIt() {
        List<Consistency.Claim> wrong = claims("Prefix caching reuses a shared beginning, but it makes the time to first token longer.");
        assertThat(wrong).hasSize(2);
        assertThat(wrong.get(1).aligned()).isTrue();
        assertThat(wrong.get(1).contradicted()).isTrue();
    }

    @Test
    void anOppositeInALessCentralFactStillCounts() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "Prefix or prompt caching reuses the KV cache of a shared beginning, such as long system instructions, across requests.",
                "An exact-match response cache returns a stored answer for a repeated request.",
                "Prefix caching reuses computation for shared prompt beginnings, cutting time to first token and cost."));
        // Best aligned, through its rarest word, with the response cache, which it does not contradict; the
        // facts about prefix caching, a little less aligned, say "shared" where it says "different".
        assertThat(Consistency.claims("Prefix caching only helps when every request starts with a different beginning.", facts, PROMPT))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Prefix caching helps when requests start with a shared beginning.", facts, PROMPT))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void aClaimThatGivesOneContrastedThingTheOthersPropertiesIsContradicted() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "Pre-training gives a model general language ability and broad world knowledge from trillions of tokens.",
                "Fine-tuning continues training on a smaller task-specific labeled dataset with a lower learning rate."));
        Set<String> prompt = Set.of("pre", "train", "fin", "tun", "languag", "model");
        Set<String> contrasted = Set.of("pre", "fin");
        assertThat(Consistency.claims("Fine-tuning adds general language ability and broad world knowledge from trillions of tokens.",
                facts, prompt, contrasted)).anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Pre-training adds general language ability and broad world knowledge from trillions of tokens.",
                facts, prompt, contrasted)).noneMatch(Consistency.Claim::contradicted);
        // A fact about the claim's own subject that shares fewer of its words does not save it.
        List<Consistency.Fact> models = Consistency.facts(List.of(
                "A discriminative model learns the conditional distribution p(y|x) and maps an input to a label.",
                "A generative model learns the joint distribution p(x, y) of the data."));
        Set<String> question = Set.of("generat", "discriminat", "model");
        Set<String> kinds = Set.of("generat", "discriminat");
        assertThat(Consistency.claims("A discriminative model learns the joint distribution p(x, y).", models, question, kinds))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("A generative model learns the joint distribution p(x, y).", models, question, kinds))
                .noneMatch(Consistency.Claim::contradicted);
        // Two shared words are not enough to call it a swap.
        assertThat(Consistency.claims("Fine-tuning builds on broad knowledge.", facts, prompt, contrasted))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void callingWhatTheRubricRecommendsUselessContradictsIt() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "Data: audit its composition, rebalance it or add counterfactual examples.",
                "Evaluation: measure outcomes per group with counterfactual prompts and bias benchmarks.",
                "Prefix caching reuses the KV cache of a shared prompt beginning across requests."));
        Set<String> prompt = Set.of("bia", "model");
        assertThat(Consistency.claims("Auditing or rebalancing the training data changes nothing.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Once the model is released there is no need to measure outcomes per group.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Auditing and rebalancing the training data reduce the skew.", facts, prompt))
                .noneMatch(Consistency.Claim::contradicted);
        // The same in the forms people write: "you don't need", "aren't needed".
        assertThat(Consistency.claims("After release you don't need to measure outcomes per group.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Counterfactual examples aren't needed once the data is audited.", facts, prompt))
                .anyMatch(Consistency.Claim::contradicted);
        // What is called unneeded is recomputing, which the fact does not assert: a correct negative statement.
        assertThat(Consistency.claims("With prefix caching there is no need to recompute the KV cache of a shared prompt.", facts, prompt))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void theWordsOfAConcessionAreNotTheClaimsOwn() {
        // "grows" belongs to the condition; the claim itself says "constant", the opposite of the fact.
        assertThat(claims("The KV cache memory stays constant however long the context grows."))
                .anyMatch(Consistency.Claim::contradicted);
        assertThat(claims("The KV cache memory grows with the context, however long it is."))
                .noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void onlyIsNoConditionThatSilencesADenial() {
        List<Consistency.Fact> facts = Consistency.facts(List.of(
                "Chain-of-thought makes the model generate intermediate reasoning steps before the final answer."));
        Set<String> prompt = Set.of("chain", "thought", "prompt", "answ", "fin");
        assertThat(Consistency.claims("Chain-of-thought makes the model skip its intermediate reasoning and output only the final answer.",
                facts, prompt)).anyMatch(Consistency.Claim::contradicted);
        assertThat(Consistency.claims("Chain-of-thought makes the model write its intermediate reasoning before only the final answer.",
                facts, prompt)).noneMatch(Consistency.Claim::contradicted);
    }

    @Test
    void howeverBeforeADegreeWordDoesNotSplitTheClaim() {
        assertThat(Polarity.claims("Its memory stays constant however long the context grows.")).hasSize(1);
        assertThat(Polarity.claims("The cache is fast however it uses memory.")).hasSize(2);
    }
}
