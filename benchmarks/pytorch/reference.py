#!/usr/bin/python3
"""Score windows with a GanWatch model directory in PyTorch, or serve the driver protocol of ganwatch_reference.server.

Examples:
  /usr/bin/python3 benchmarks/pytorch/reference.py score --model my-model --windows windows.f32 --count 100 --steps 5
  /usr/bin/python3 benchmarks/pytorch/reference.py serve --threads 1
"""

import argparse
import json
import sys

from ganwatch_reference.model_directory import ReferenceModel
from ganwatch_reference.runtime import describe, set_threads
from ganwatch_reference.scoring import ScoringOptions, score
from ganwatch_reference.server import serve


def _parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--threads", type=int, default=1, help="PyTorch CPU threads (default 1).")
    commands = parser.add_subparsers(dest="command", required=True)

    score_parser = commands.add_parser("score", parents=[common], help="Score windows and write the scores as JSON.")
    score_parser.add_argument("--model", required=True, help="GanWatch model directory (model.json, generator.bin, critic.bin, encoder.bin).")
    score_parser.add_argument("--windows", required=True, help="Raw windows: little-endian float32, [count, channels, length] row-major.")
    score_parser.add_argument("--count", type=int, required=True, help="Number of windows in the file.")
    score_parser.add_argument("--steps", type=int, help="Adam steps on z (default: the model's inversionSteps).")
    score_parser.add_argument("--start", choices=["Encoder", "Random"], help="Start of z (default: the model's start).")
    score_parser.add_argument("--learning-rate", type=float, help="Adam learning rate for z (default: the model's).")
    score_parser.add_argument("--feature-weight", type=float, help="Weight lambda of the critic-feature distance (default: the model's).")
    score_parser.add_argument("--seed", type=int, help="Seed of random starts (default: the model's).")
    score_parser.add_argument("--out", help="Output JSON file (default: standard output).")

    commands.add_parser("serve", parents=[common], help="Answer JSON requests, one per line, on standard input.")
    return parser.parse_args()


def _score_command(arguments):
    model = ReferenceModel(arguments.model)
    overrides = {
        "inversionSteps": arguments.steps,
        "start": arguments.start,
        "inversionLearningRate": arguments.learning_rate,
        "featureWeight": arguments.feature_weight,
        "seed": arguments.seed,
    }
    options = ScoringOptions({**model.scoring, **{key: value for key, value in overrides.items() if value is not None}})
    result = score(model, model.read_windows(arguments.windows, arguments.count), options)
    text = json.dumps({"runtime": describe(), **{key: value.tolist() for key, value in result.items()}})
    if arguments.out:
        with open(arguments.out, "w", encoding="utf-8") as file:
            file.write(text)
    else:
        sys.stdout.write(text + "\n")


def main():
    arguments = _parse_arguments()
    try:
        set_threads(arguments.threads)
        if arguments.command == "score":
            _score_command(arguments)
        else:
            serve()
    except (OSError, ValueError, KeyError) as error:
        sys.stderr.write(f"error: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
