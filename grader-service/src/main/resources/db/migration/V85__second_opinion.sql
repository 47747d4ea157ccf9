-- With viva.grader.second-opinion=local and an LLM as the primary grader, the local grader grades every answer
-- too: its grader, model, score, confidence and key point verdicts beside the primary's (SecondOpinion). The
-- primary grader's verdicts stay the grade of record. Null when no second grader ran.
ALTER TABLE evaluations ADD COLUMN second_opinion jsonb;
