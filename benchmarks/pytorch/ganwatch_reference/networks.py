"""GanWatch's generator G, critic D and encoder E in PyTorch, layer for layer as in src/GanWatch.Engine/Models.

Attribute names (``input``, ``inputNorm``, ``blocks``, ``stack.convolutions``, ``output``) are those of the C# modules,
so that the state-dictionary keys of GanWatch's weights files load with ``strict=True``.
"""

import math

import torch
from torch import nn

LEAKY_SLOPE = 0.2
"""Negative slope of the LeakyReLU after every convolution of the critic and the encoder."""

OUTPUT_BOUND = 5.0
"""The generator's output is OUTPUT_BOUND * tanh(x / OUTPUT_BOUND), in standard deviations of the normalised data."""

_MAX_BLOCKS = 5
_MAX_WIDTH_FACTOR = 8


class Layout:
    """Block count and sequence lengths derived from a window length, as in GanWatch's NetworkLayout."""

    def __init__(self, window_length):
        self.window_length = window_length
        self.blocks = min(max(math.floor(math.log2(window_length / 4.0)), 1), _MAX_BLOCKS)
        self.generator_start_length = math.ceil(window_length / (1 << self.blocks))
        length = window_length
        for _ in range(self.blocks):
            # Conv1d with kernel 4, stride 2, padding 1.
            length = (length + 2 - 4) // 2 + 1
        self.downsampled_length = length

    @staticmethod
    def block_width(width, block):
        """Feature maps of block ``block`` (0-based) for base width ``width``."""
        return width * min(1 << block, _MAX_WIDTH_FACTOR)

    def feature_size(self, width):
        """Length of the flattened output of the last convolution block."""
        return Layout.block_width(width, self.blocks - 1) * self.downsampled_length


class ConvolutionStack(nn.Module):
    """Conv1d (kernel 4, stride 2, padding 1) blocks, each followed by LeakyReLU(0.2), flattened to [n, features]."""

    def __init__(self, channels, width, layout):
        super().__init__()
        self.convolutions = nn.ModuleList()
        in_channels = channels
        for block in range(layout.blocks):
            out_channels = Layout.block_width(width, block)
            self.convolutions.append(nn.Conv1d(in_channels, out_channels, kernel_size=4, stride=2, padding=1))
            in_channels = out_channels
        self.feature_size = layout.feature_size(width)

    def forward(self, x):
        for convolution in self.convolutions:
            x = nn.functional.leaky_relu(convolution(x), LEAKY_SLOPE)
        return x.flatten(1)


class Critic(nn.Module):
    """The critic: a convolution stack without normalisation, then a linear layer to one score per window."""

    def __init__(self, shape):
        super().__init__()
        self.stack = ConvolutionStack(shape["channels"], shape["criticWidth"], Layout(shape["windowLength"]))
        self.output = nn.Linear(self.stack.feature_size, 1)

    def features(self, x):
        """Return the flattened output of the last convolution block, [n, features]."""
        return self.stack(x)

    def forward(self, x):
        return self.output(self.stack(x)).squeeze(1)


class Encoder(nn.Module):
    """The encoder: a convolution stack and a linear layer from a window [n, channels, length] to z [n, latent]."""

    def __init__(self, shape):
        super().__init__()
        self.stack = ConvolutionStack(shape["channels"], shape["encoderWidth"], Layout(shape["windowLength"]))
        self.output = nn.Linear(self.stack.feature_size, shape["latentSize"])

    def forward(self, x):
        return self.output(self.stack(x))


class Generator(nn.Module):
    """DCGAN-style 1-D generator: linear layer, BatchNorm and ReLU, then ConvTranspose1d blocks that double the length."""

    def __init__(self, shape):
        super().__init__()
        layout = Layout(shape["windowLength"])
        width = shape["generatorWidth"]
        self.start_channels = Layout.block_width(width, layout.blocks - 1)
        self.start_length = layout.generator_start_length
        self.window_length = shape["windowLength"]

        self.input = nn.Linear(shape["latentSize"], self.start_channels * self.start_length)
        self.inputNorm = nn.BatchNorm1d(self.start_channels)
        self.blocks = nn.ModuleList()
        for block in range(layout.blocks - 1, -1, -1):
            in_channels = Layout.block_width(width, block)
            if block > 0:
                out_channels = Layout.block_width(width, block - 1)
                self.blocks.append(nn.Sequential(
                    nn.ConvTranspose1d(in_channels, out_channels, kernel_size=4, stride=2, padding=1),
                    nn.BatchNorm1d(out_channels),
                    nn.ReLU()))
            else:
                self.blocks.append(nn.ConvTranspose1d(in_channels, shape["channels"], kernel_size=4, stride=2, padding=1))

    def forward(self, z):
        x = self.input(z).view(-1, self.start_channels, self.start_length)
        x = nn.functional.relu(self.inputNorm(x))
        for block in self.blocks:
            x = block(x)
        x = x.narrow(2, 0, self.window_length)
        return (x / OUTPUT_BOUND).tanh() * OUTPUT_BOUND
