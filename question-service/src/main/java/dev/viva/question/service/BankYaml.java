package dev.viva.question.service;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes bank documents as YAML that diffs well in git: prose (prompts, reference answers, key point
 * and red flag texts, follow-ups, descriptors) as block scalars ({@code >-} folded, {@code |-} when the
 * text has line breaks), one sentence change showing as one changed line; short lists of words (tags,
 * terms) on one line, {@code [a, b]}. Jackson's generator would write long prose as double-quoted
 * strings broken with {@code \} continuations.
 */
final class BankYaml {

    /** Strings longer than this, or with a line break, are prose. */
    static final int PROSE = 60;
    private static final int WIDTH = 100;
    private static final java.util.regex.Pattern FLOW_INDICATORS = java.util.regex.Pattern.compile("[:#,\\[\\]{}?&*!|>'\"%@`]");

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Yaml yaml;

    BankYaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(WIDTH);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(true);
        yaml = new Yaml(new BankRepresenter(options), options);
    }

    String write(BankDocument document) {
        // Jackson turns the records into ordered maps (nulls left out), SnakeYAML chooses each scalar's style.
        Map<?, ?> tree = mapper.convertValue(document, Map.class);
        return yaml.dump(tree);
    }

    private static final class BankRepresenter extends Representer {

        BankRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> {
                String s = (String) data;
                DumperOptions.ScalarStyle style = s.indexOf('\n') >= 0 ? DumperOptions.ScalarStyle.LITERAL
                        : s.length() > PROSE ? DumperOptions.ScalarStyle.FOLDED
                        // SnakeYAML writes "2:4" plain inside [..], where its own parser then reads a mapping
                        : FLOW_INDICATORS.matcher(s).find() ? DumperOptions.ScalarStyle.SINGLE_QUOTED
                        : DumperOptions.ScalarStyle.PLAIN;
                return representScalar(Tag.STR, s, style);
            });
            this.multiRepresenters.put(List.class, data -> {
                List<?> list = (List<?>) data;
                boolean words = !list.isEmpty() && list.stream().allMatch(i -> i instanceof String s && s.length() <= 40);
                return representSequence(getTag(data.getClass(), Tag.SEQ), list,
                        words ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
            });
        }
    }
}
