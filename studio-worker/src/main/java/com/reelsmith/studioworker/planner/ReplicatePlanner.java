package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.replicate.Prediction;
import com.reelsmith.provider.replicate.ReplicateClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * The storyboard planner on an official Replicate language model (by default
 * {@code meta/meta-llama-3-70b-instruct}: inputs {@code prompt}, {@code system_prompt},
 * {@code max_tokens}, {@code temperature}; output a list of text pieces). Asked for JSON, the
 * answer is checked and repaired ({@link StoryboardAnswer}); an answer that cannot be used is sent
 * back with what was wrong, up to {@code answers} times in all, then the job fails with that
 * reason. A failed or refused prediction fails the attempt with Replicate's reason (a refusal for
 * good, other failures retried by the job runner).
 *
 * <p>Unlike image and video jobs, the job waits for the model on the worker's thread (a text
 * answer takes seconds, well inside the attempt's deadline, which still interrupts it).
 */
public class ReplicatePlanner implements Planner {

    private static final Logger log = LoggerFactory.getLogger(ReplicatePlanner.class);

    private final ReplicateClient client;
    private final String model;
    private final int answers;
    private final Duration pollEvery;
    private final ObjectMapper json;

    public ReplicatePlanner(ReplicateClient client, String model, int answers, Duration pollEvery, ObjectMapper json) {
        this.client = client;
        this.model = model;
        this.answers = answers;
        this.pollEvery = pollEvery;
        this.json = json;
    }

    @Override
    public String name() {
        return "replicate (" + model + ")";
    }

    @Override
    public StoryboardContent plan(Brief brief) {
        return ask(PlannerPrompts.plan(brief, json), brief, brief.durationS()).content();
    }

    @Override
    public Refinement refine(Brief brief, StoryboardContent current, String feedback) {
        // the answer's own length: "shorter" may be what the reviewer asked for
        var parsed = ask(PlannerPrompts.refine(brief, current, feedback, json), brief, 0);
        return new Refinement(parsed.content(), List.of("feedback"), parsed.notApplied());
    }

    private StoryboardAnswer.Parsed ask(String prompt, Brief brief, int targetS) {
        String problem = null;
        for (int answer = 1; answer <= answers; answer++) {
            String text = complete(problem == null ? prompt : PlannerPrompts.repair(prompt, problem));
            try {
                return StoryboardAnswer.parse(text, brief, targetS, json);
            } catch (StoryboardAnswer.Invalid e) {
                problem = e.getMessage();
                log.warn("planner answer {}/{} from {} could not be used: {}", answer, answers, model, problem);
            }
        }
        throw new ProviderException("planner_invalid_answer", "the planner model " + model + " gave no usable storyboard in "
                + answers + " answers; the last one: " + problem, false);
    }

    private String complete(String prompt) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", prompt);
        input.put("system_prompt", PlannerPrompts.SYSTEM);
        input.put("max_tokens", 3000);
        input.put("temperature", 0.4);
        Prediction prediction = client.create(model, input, null);
        while (!prediction.isTerminal()) {
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.cancel(prediction.id());
                throw new ProviderException("planner_timeout", "the planner model did not answer in time", true);
            }
            prediction = client.get(prediction.id());
        }
        if (!prediction.succeeded()) {
            throw prediction.failure();
        }
        return String.join("", prediction.output());
    }
}
