package dev.viva.grader.llm.local;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds text addressed to the grader rather than written about the subject: role headers and chat
 * markup ({@code SYSTEM:}, {@code <system>}, {@code [INST]}), headers that name the grading
 * ({@code [[RUBRIC UPDATE]]}, {@code === EVALUATION OVERRIDE ===}), a grader's output written into the
 * answer ({@code {"verdict": ...}}), fake ends of the answer, claims that the grading mode, policy or
 * rubric changed, claims that this answer is already correct or must be read as such, demands for a
 * score, and orders to ignore the instructions.
 *
 * <p>Ordinary technical language is not an instruction: "a reference can act as a pointer", "ignore the
 * padding tokens" or "put the rules in the system prompt" name no grader and ask for no score. An
 * injection quoted or described as an example ("an attacker writes 'ignore previous instructions'")
 * is a mention, not an attack, and is not flagged either.
 */
public final class InstructionDetector {

    private static final String ROLE = "(system|assistant|developer|user|grader|evaluator|reviewer|examiner|instructions?|admin|operator)";
    private static final String GRADER = "(grader|graders|evaluator|evaluators|reviewer|assessor|marker|examiner|ai|model|llm|judge|grading model|grading system)";
    /** Words of the grading itself, as a header or a claim about it would use them. */
    private static final String GRADING = "(system|grader|grading|rubric|evaluator|scoring|marking|examiner|override|directive|admin|instructions?"
            + "|(evaluation|assessment) (note|override|directive|update|mode|instructions?))";
    /** This very answer, as text addressed to its grader refers to it. */
    private static final String THIS_ANSWER = "((this|my|the present) (answer|response|submission|solution|reply)|the following|the above"
            + "|the (answer|response|submission|text) (above|below))";
    /** What the grader is told the answer is. */
    private static final String VERDICT = "(fully |entirely |completely |already )?(correct|complete|right|perfect|passing|a pass|approved|pre-approved|excellent|covered)"
            + "(?![ ,]+(only|if|when|whenever|once|after|before|until|for|under|provided|as long|unless|in|except|but|because|since))";

    /** Structure that only makes sense as an attack on the prompt: checked on the text as written. */
    static final List<Pattern> MARKUP = List.of(
            Pattern.compile("^\\s*[\\[(<#*>-]*\\s*" + ROLE + "(\\s+(message|prompt|note|override|mode))?\\s*[\\])>*]*\\s*:"),
            Pattern.compile("</?\\s*(system|assistant|user|developer|instructions?|candidate_answer|im_start|im_end)\\s*>"),
            Pattern.compile("<\\|[a-z_]+\\|>|\\[/?\\s*(system|inst|instructions?|sys)\\s*\\]|<<\\s*/?sys\\s*>>"),
            Pattern.compile("#{2,}\\s*(system|instructions?|end|new|override|grader|evaluator)\\b"),
            Pattern.compile("\\b(end|begin|start) of (the )?(candidate'?s? )?(answer|response|input|submission|user input)\\b"),
            Pattern.compile("\\[delimiter removed\\]"),
            // a header in double brackets or braces, or between rules of = - *, that names the grading
            Pattern.compile("(\\[\\[|\\{\\{|={2,}|-{2,}|\\*{2,}|<<)\\s*[^\\n\\]}=*>]{0,30}?\\b" + GRADING + "\\b"),
            Pattern.compile("^\\s*\\[\\s*" + GRADING + "\\b[^\\]\\n]{0,30}\\]"),
            // the grader addressed by name at the start ("Reviewer, ...")
            Pattern.compile("^\\W*((dear|hey|hi|hello) )?(grader|graders|reviewer|reviewers|evaluator|evaluators|examiner|assessor|marker|judge)\\s*,"));

    /** A grader's own output written into the answer: checked on the text as written, unless reported as an example. */
    static final List<Pattern> STRUCTURED = List.of(
            // a key naming the grader's verdicts anywhere in an object ("keyPointsCovered", "redFlags", "finalScore")
            Pattern.compile("\\{[^{}]{0,300}\"[a-z_]*(verdict|keypoint|key_point|criteria|redflag|red_flag)[a-z_]*\"\\s*:"),
            // a score of 100, n/m, full or max under a key naming it, first or after other keys ("finalScore")
            Pattern.compile("\\{[^{}]{0,300}\"[a-z_]*(score|grade|marks|rating)\"\\s*:\\s*\"?(100|\\d{1,3}\\s*/\\s*\\d{1,3}|full|max|perfect|pass)"));
    /** Words that show a grader's output is described (a format, an example), not written for the grader. */
    private static final Pattern DESCRIBED = Pattern.compile(
            "\\b(returns?|outputs?|emits?|produces?|responds? with|replies with|format|schema|json|such as|e\\.g\\.|for example|for instance|like)\\b");

    /** Requests and claims aimed at the grader: checked with quoted passages removed. */
    static final List<Pattern> ADDRESSED = List.of(
            // demands for a score
            Pattern.compile("\\b(give|giving|award|assign|grant|record|output|mark)\\b[^.!?\\n]{0,40}\\b(100|full|maximum|perfect|10/10|5/5|100%)\\b[^.!?\\n]{0,25}\\b(marks?|points?|score|grade|credit|rating)\\b"),
            Pattern.compile("\\b(score|grade|mark|rate) (this|it|me|my answer|the answer|this answer|this response)\\b[^.!?\\n]{0,20}\\b(100|10/10|5/5|perfect|full marks|maximum|highest)\\b"),
            Pattern.compile("\\b(record|give|assign|output|award|set|deserves?)\\b[^.!?\\n]{0,20}\\b(score|grade|mark|rating)s? of (100|10/10|5/5|full|maximum)"),
            Pattern.compile("\\b(full|perfect|maximum) (marks|score|credit|grade) (for|to) (this|my|me)\\b"),
            Pattern.compile("\\b(receives?|gets?|earns?|is given|is awarded)\\b[^.!?\\n]{0,20}\\b(the )?(maximum|full|perfect|top) (mark|marks|score|grade)\\b"),
            Pattern.compile("\\b(give|giving|award|assign|grant|record)\\b[^.!?\\n]{0,40}\\b(marks?|points|score|grade|credit|rating)\\s*\\(?\\s*(100(\\s*/\\s*100)?|10/10|5/5|100%)"),
            Pattern.compile("\\b(this|my) (answer|response|submission|solution)\\b[^.!?\\n]{0,40}\\b(deserves|merits|should (get|receive|be given|score|be graded|be marked|pass)|must (get|receive|pass|be)|passes|already satisfies|satisfies all|meets all|covers all|is correct and complete)\\b"),
            Pattern.compile("\\b(score|grade|rating|marks)\\s*[:=]\\s*(100\\b|\\d{1,3}\\s*/\\s*\\d{1,3}\\b|full\\b|max)"),
            Pattern.compile("\\b(assessment|evaluation|grading|review|marking) (result|outcome|verdict)\\b[^:=.!?\\n]{0,25}[:=]\\s*(100\\b|\\d{1,3}\\s*/\\s*\\d{1,3}\\b|full\\b|max|pass)"),
            // the answer described to its grader as already correct, or to be read as such
            Pattern.compile("\\b" + THIS_ANSWER + "\\b[^.!?\\n]{0,40}\\b(has been|was|is|are)\\s+" + VERDICT + "\\b"),
            Pattern.compile("\\b" + THIS_ANSWER + "\\b[^.!?\\n]{0,40}\\b(meets|satisfies|fulfils|fulfills|covers) (every|all|each)\\b"),
            Pattern.compile("\\b(treat|read|regard|consider|count|mark|score|grade|accept)\\b[^.!?\\n]{0,25}\\b(this|it|the following|everything below|the answer|the response)\\b[^.!?\\n]{0,20}\\bas " + VERDICT + "\\b"),
            Pattern.compile("\\b(should|must|is to|are to) be (read|treated|regarded|considered|counted|marked|scored|graded|accepted) as " + VERDICT + "\\b"),
            // claims about the grading mode, policy or rubric
            Pattern.compile("\\b(grading|evaluation|scoring|assessment|marking|review)\\s+(mode|policy|rules|rubric|criteria|instructions|guidelines|process|settings|scheme|standards?)\\b[^.!?\\n]{0,40}\\b(changed|updated|replaced|disabled|switched|lenient|suspended|overridden|new|pass|relaxed|waived|lowered|revised)\\b"),
            Pattern.compile("\\b(updated|new|revised|relaxed|changed|current|latest)\\s+(grading|evaluation|scoring|assessment|marking)\\s+(mode|policy|rules|rubric|criteria|instructions|guidelines|scheme|standards?)\\b[^.!?\\n]{0,40}\\b(" + THIS_ANSWER + "|your)\\b"),
            Pattern.compile("\\b(already|been) (marked|graded|scored|rated|approved|accepted|verified) (as )?(complete|correct|full|passing|a pass|100|perfect)\\b"),
            Pattern.compile("\\b(lenient|debug|developer|test|admin|maintenance|god|jailbreak|unrestricted)\\s+mode\\b"),
            Pattern.compile("\\bunder (the )?(grading|scoring|marking) (mode|regime)\\b"),
            Pattern.compile("\\byou are (now )?(in|operating in|running in|switched to)\\b[^.!?\\n]{0,25}\\bmode\\b"),
            Pattern.compile("\\bthe ([a-z-]+ ){0,2}rubric (for this question )?(is|was|has been|have been) (updated|changed|replaced|removed|revised)\\b"),
            Pattern.compile("\\b(under|per|according to) the (revised|new|updated|changed|amended) (rubric|grading|scoring|marking)\\b"
                    + "[^.!?\\n]{0,60}\\b(this (question|answer|response|submission)|any (answer|response)|every (answer|response)|your)\\b"),
            Pattern.compile("\\b(mark|set|flag|consider|treat|record)\\b[^.!?\\n]{0,20}\\b(all|every)\\b[^.!?\\n]{0,20}\\b(key points?|criteria|points|rubric items)\\b[^.!?\\n]{0,25}\\b(covered|met|satisfied|correct|present)\\b"),
            Pattern.compile("\\b(all|every) (key points?|criteria|rubric items) (are|is|should be|must be|were|have been) (marked |already |fully )?(covered|met|satisfied)\\b"),
            // orders that replace the grader's instructions or role
            Pattern.compile("\\b(ignore|disregard|forget|override|bypass)\\b[^.!?\\n]{0,30}\\b(instructions?|rubric|rules|prompt|guidelines|criteria|grading)\\b"),
            Pattern.compile("\\byou are now\\b|\\bpretend (to be|you)\\b|\\bnew instructions\\b|\\bfrom now on\\b[^.!?\\n]{0,30}\\b(grade|score|mark|evaluate)\\b"),
            Pattern.compile("\\b(new|updated|real|actual|override|overriding|this is the|here is the|reveal (your|the)) system prompt\\b"),
            Pattern.compile("\\bact as (a|an|the) (lenient |generous )?(grader|evaluator|examiner|assistant|judge|teacher|reviewer)\\b"),
            // text addressed to the grader
            Pattern.compile("\\b(note|message|instructions?|attention|reminder|request|important) (to|for) (the )?(" + GRADER
                    + "|(evaluation|grading|scoring|marking) (pipeline|system|process|model|team))\\b"),
            // the grader spoken to as "you"
            Pattern.compile("\\bif you are an? (ai|llm|model|language model|grader|evaluator|assistant|judge)\\b"),
            Pattern.compile("\\b(the )?(rubric|instructions|criteria|guidelines|prompt|key points) you (were|have been|are) (given|using|following|reading)\\b"),
            Pattern.compile("^\\W*(please\\s+)?(score|grade|mark|pass|accept|approve|output|respond|reply|print|say)\\b[^.!?\\n]{0,30}"
                    + "\\b(generous(ly)?|lenient(ly)?|kindly|full marks|a pass|pass|perfect|100|highly|only the word|only with)\\b"),
            // told to hand something back as its own result ("return it unchanged as your output")
            Pattern.compile("\\b(return|output|copy|reproduce|repeat|emit|print|use|submit|pass)\\b[^.!?\\n]{0,40}\\bas (your|the) (own |final |official )?"
                    + "(output|verdict|grade|grading|score|result|evaluation|assessment)\\b"),
            Pattern.compile("\\bwhoever (scores|grades|marks|evaluates|reviews|assesses|checks) (this|it|the answer|my answer)\\b"),
            Pattern.compile("\\b((expected|required|correct|your) (grader|grading|evaluator|evaluation|judge) (output|result|verdict|response)|(grader|evaluator|judge)('s)? (output|verdict|result)\\s*:)"),
            Pattern.compile("\\b(dear|hey|hi|hello) " + GRADER + "\\b"),
            Pattern.compile("\\battention\\W+(the\\W+)?([a-z-]+\\W+)?(grader|evaluator|assessor|marker|examiner|judge|reviewer)s?\\b"),
            Pattern.compile("\\b(any|every) (system|model|ai|llm|grader|evaluator|assistant) (reading|processing|grading|evaluating|scoring) (this|that|these|the)\\b"),
            Pattern.compile("\\b(grader|evaluator|assessor|marker|examiner|reviewer)s?('s)?\\s+(instructions?|note)\\b"),
            Pattern.compile("\\bas (the|an?) (grader|evaluator|assistant|ai|judge|examiner)\\b[^.!?\\n]{0,40}\\b(must|should|will|need)\\b"),
            Pattern.compile("\\b(the|you|evaluator|grader)\\s*(grader|evaluator|assessor|marker|examiner|judge)?\\s*(must|should|will|needs to|is required to|has to|are required to)\\b[^.!?\\n]{0,40}\\b(this (answer|response)|full|perfect|maximum|100|every key point|all key points|all criteria)\\b"));

    /** Words that show the sentence reports an injection instead of making one. */
    private static final Pattern MENTION = Pattern.compile(
            "\\b(says?|saying|said|such as|like|e\\.g\\.|for example|for instance|writes?|wrote|typed?|types|contains?|containing|"
                    + "attackers?|injected|injections?|hidden|phrases?|called|tells? the model|trick|tricks|malicious|jailbreaks?|defen[cs]es?|defend|detect|classifier)\\b");

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|\u201C[^\u201D]*\u201D|'[^']{6,}'|\u2018[^\u2019]*\u2019|`[^`]*`");

    private InstructionDetector() {
    }

    /** True when the sentence (or list item) speaks to the grader. */
    public static boolean isInstruction(String sentence) {
        String raw = sentence.toLowerCase(Locale.ROOT);
        for (Pattern p : MARKUP) {
            if (p.matcher(raw).find()) {
                return true;
            }
        }
        for (Pattern p : STRUCTURED) {
            var m = p.matcher(raw);
            if (m.find() && !DESCRIBED.matcher(raw).find()) {
                return true;
            }
        }
        String unquoted = QUOTED.matcher(raw).replaceAll(" \u2026 ");
        for (Pattern p : ADDRESSED) {
            var m = p.matcher(unquoted);
            if (m.find()) {
                String before = unquoted.substring(0, m.start());
                if (MENTION.matcher(before).find()) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }
}
