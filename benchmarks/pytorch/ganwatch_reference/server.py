"""A line-oriented JSON protocol on standard input and output, for a driver that interleaves its own timings with these.

Each request and each response is one JSON object on one line. A response has "ok" true or false, and "error" when
false. Commands:

- {"command": "info"}: PyTorch version, thread count and BLAS libraries.
- {"command": "load", "name": N, "model": DIR}: load a GanWatch model directory under the name N.
- {"command": "score", "name": N, "windows": FILE, "count": C, "options": {...}}: score C raw windows from FILE
  (little-endian float32, [count, channels, length]) and return score, residual, featureDistance, channelResiduals
  and lastPointResiduals. "options" uses the keys of model.json's "scoring" section; missing keys take the model's
  stored values.
- {"command": "time", ... as score ..., "minSeconds": S}: score once to warm up, then score the same windows again
  until at least S seconds have passed, and return the number of calls, the seconds and windows per second.
"""

import json
import sys
import time

from .model_directory import ReferenceModel
from .runtime import describe
from .scoring import ScoringOptions, score


class Server:
    """Models loaded by name, and the handlers of the protocol's commands."""

    def __init__(self):
        self.models = {}
        self.windows = {}

    def handle(self, request):
        command = request.get("command")
        if command == "info":
            return describe()
        if command == "load":
            self.models[request["name"]] = ReferenceModel(request["model"])
            return {"name": request["name"]}
        if command == "score":
            model, raw, options = self._arguments(request)
            result = score(model, raw, options)
            return {key: value.tolist() for key, value in result.items()}
        if command == "time":
            model, raw, options = self._arguments(request)
            return _time_scoring(model, raw, options, float(request.get("minSeconds", 0.5)))
        raise ValueError(f"Unknown command '{command}'; use info, load, score or time.")

    def _arguments(self, request):
        name = request["name"]
        if name not in self.models:
            raise ValueError(f"No model is loaded under the name '{name}'; send a load command first.")
        model = self.models[name]
        options = ScoringOptions({**model.scoring, **request.get("options", {})})
        key = (name, request["windows"], int(request["count"]))
        if key not in self.windows:
            self.windows[key] = model.read_windows(request["windows"], int(request["count"]))
        return model, self.windows[key], options


def _time_scoring(model, raw, options, min_seconds):
    score(model, raw, options)
    calls = 0
    started = time.perf_counter()
    while True:
        score(model, raw, options)
        calls += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            break
    return {"calls": calls, "seconds": elapsed, "windowsPerSecond": calls * raw.shape[0] / elapsed}


def serve(input_stream=sys.stdin, output_stream=sys.stdout):
    """Handle requests until the input closes."""
    server = Server()
    for line in input_stream:
        if not line.strip():
            continue
        try:
            response = {"ok": True, **server.handle(json.loads(line))}
        except Exception as error:  # noqa: BLE001 - every failure goes back to the driver as a response.
            response = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        output_stream.write(json.dumps(response) + "\n")
        output_stream.flush()
