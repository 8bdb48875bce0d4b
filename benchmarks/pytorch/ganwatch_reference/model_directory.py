"""Load a GanWatch model directory (model.json and the three TorchSharp weights files) into PyTorch modules."""

import json
import os

import numpy as np
import torch

from .networks import Critic, Encoder, Generator
from .torchsharp_weights import read_state_dict

MIN_STD = np.float32(1e-6)
"""Smallest divisor used for a channel, as GanWatch's Normalizer.MinStd."""

SUPPORTED_FORMAT_VERSION = 1
"""The model.json formatVersion this reader was written against."""


class ReferenceModel:
    """The networks of one GanWatch model in evaluation mode, its normaliser and its stored scoring options."""

    def __init__(self, directory):
        with open(os.path.join(directory, "model.json"), encoding="utf-8") as file:
            metadata = json.load(file)
        version = metadata.get("formatVersion")
        if version != SUPPORTED_FORMAT_VERSION:
            raise ValueError(
                f"{directory}/model.json has formatVersion {version}, but this reader supports {SUPPORTED_FORMAT_VERSION}; "
                "update the reference implementation for the new format.")

        self.shape = metadata["shape"]
        self.scoring = metadata["scoring"]
        normalization = metadata["normalization"]
        means = np.asarray(normalization["means"], dtype=np.float32)
        scales = np.maximum(np.asarray(normalization["stds"], dtype=np.float32), MIN_STD)
        channels = self.shape["channels"]
        self.means = torch.from_numpy(means).reshape(1, channels, 1)
        self.scales = torch.from_numpy(scales).reshape(1, channels, 1)

        self.generator = Generator(self.shape)
        self.critic = Critic(self.shape)
        self.encoder = Encoder(self.shape)
        for file_name, module in (("generator.bin", self.generator), ("critic.bin", self.critic), ("encoder.bin", self.encoder)):
            module.load_state_dict(read_state_dict(os.path.join(directory, file_name)), strict=True)
            module.eval()
            for parameter in module.parameters():
                parameter.requires_grad_(False)

    def normalise(self, raw):
        """Return (raw - mean) / scale per channel for a tensor [n, channels, length]."""
        return (raw - self.means) / self.scales

    def read_windows(self, path, count):
        """Read ``count`` raw windows from a little-endian float32 file in [count, channels, length] order."""
        channels = self.shape["channels"]
        length = self.shape["windowLength"]
        values = np.fromfile(path, dtype="<f4")
        expected = count * channels * length
        if values.size != expected:
            raise ValueError(
                f"{path} contains {values.size} float32 values, but {count} windows x {channels} channels x {length} steps "
                f"need {expected}. Write the windows in [count, channels, length] row-major order.")
        return torch.from_numpy(values.reshape(count, channels, length))
