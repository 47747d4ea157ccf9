package dev.viva.grader;

/** A fixed valid reply for the test rubric. */
final class FakeUpstreamsReplies {
    private FakeUpstreamsReplies() {
    }

    static String valid() {
        return "{\"reasoning\":\"ok\",\"keyPoints\":["
                + "{\"id\":\"indexing\",\"verdict\":\"covered\",\"evidence\":[\"split into chunks\"]},"
                + "{\"id\":\"retrieval\",\"verdict\":\"covered\",\"evidence\":[\"nearest chunks are retrieved\"]},"
                + "{\"id\":\"augmented-generation\",\"verdict\":\"covered\",\"evidence\":[\"go into the prompt\"]},"
                + "{\"id\":\"why-not-fine-tuning\",\"verdict\":\"missing\",\"evidence\":[]},"
                + "{\"id\":\"citations-and-access\",\"verdict\":\"missing\",\"evidence\":[]}],"
                + "\"criteria\":[{\"id\":\"accuracy\",\"level\":2,\"justification\":\"\"},"
                + "{\"id\":\"completeness\",\"level\":2,\"justification\":\"\"},"
                + "{\"id\":\"clarity\",\"level\":2,\"justification\":\"\"},"
                + "{\"id\":\"depth\",\"level\":1,\"justification\":\"\"}],"
                + "\"redFlags\":[],\"promptInjectionSuspected\":false,\"injectionEvidence\":\"\","
                + "\"strengths\":[],\"improvements\":[]}";
    }
}
