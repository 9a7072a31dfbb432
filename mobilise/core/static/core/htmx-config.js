// Runs after htmx loads and before it starts: under the Content-Security-Policy no inline style or evaluated
// code may run, so htmx neither inserts its indicator styles nor evaluates attribute code.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;
