"""Read the weights files that TorchSharp's ``Module.save(path)`` writes (generator.bin, critic.bin, encoder.bin).

Format, as written by TorchSharp 0.107.0 (``Module.save_state_dict`` and ``TensorExtensionMethods.Save``):

- the number of state-dictionary entries, as an unsigned LEB128 integer;
- per entry, first the key as a .NET ``BinaryWriter`` string: an unsigned LEB128 byte count, then UTF-8 bytes.
- Then the element type as an unsigned LEB128 TorchSharp ``ScalarType`` code, and the number of dimensions and each
  dimension as unsigned LEB128 integers.
- Then the elements in row-major order, little-endian.

Only the element types that GanWatch's networks use are accepted: float32 (parameters and BatchNorm statistics) and
int64 (BatchNorm's ``num_batches_tracked``).
"""

from collections import OrderedDict
import io

import numpy as np
import torch

# TorchSharp ScalarType codes (the same numbering as c10::ScalarType) and their little-endian NumPy types.
_ELEMENT_TYPES = {
    4: np.dtype("<i8"),  # Int64
    6: np.dtype("<f4"),  # Float32
}


def _read_leb128(stream, path):
    value = 0
    shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            raise ValueError(f"{path}: the file ends inside a length or size field; it is truncated or not a TorchSharp weights file.")
        value |= (byte[0] & 0x7F) << shift
        if byte[0] < 0x80:
            return value
        shift += 7
        if shift > 63:
            raise ValueError(f"{path}: a length or size field is longer than 9 bytes; this is not a TorchSharp weights file.")


def _read_exactly(stream, count, path, description):
    data = stream.read(count)
    if len(data) != count:
        raise ValueError(f"{path}: expected {count} bytes of {description}, but the file ends after {len(data)}; it is truncated.")
    return data


def read_state_dict(path):
    """Read one TorchSharp weights file and return its state dictionary as an ordered mapping of CPU tensors."""
    with open(path, "rb") as file:
        stream = io.BufferedReader(file)
        state = OrderedDict()
        entries = _read_leb128(stream, path)
        for _ in range(entries):
            key_length = _read_leb128(stream, path)
            key = _read_exactly(stream, key_length, path, "an entry name").decode("utf-8")
            type_code = _read_leb128(stream, path)
            if type_code not in _ELEMENT_TYPES:
                raise ValueError(
                    f"{path}: entry '{key}' has TorchSharp element type {type_code}; only float32 (6) and int64 (4) are supported.")
            element_type = _ELEMENT_TYPES[type_code]
            dimensions = _read_leb128(stream, path)
            shape = tuple(_read_leb128(stream, path) for _ in range(dimensions))
            count = int(np.prod(shape, dtype=np.int64)) if shape else 1
            data = _read_exactly(stream, count * element_type.itemsize, path, f"entry '{key}'")
            array = np.frombuffer(data, dtype=element_type).reshape(shape)
            state[key] = torch.from_numpy(array.copy())
        trailing = stream.read(1)
        if trailing:
            raise ValueError(f"{path}: bytes follow the last of {entries} entries; the file is not a TorchSharp weights file.")
        return state
