"""Thread settings and a description of the PyTorch build, so that timings state what they ran on."""

import os

import torch


def set_threads(threads):
    """Set PyTorch's intra-op threads and its inter-op threads to ``threads`` and 1.

    OpenBLAS keeps its own thread pool: the caller sets OPENBLAS_NUM_THREADS in the environment before Python starts.
    """
    if threads < 1:
        raise ValueError(f"threads is {threads}; it must be at least 1.")
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)


def describe():
    """Return the PyTorch version, its thread count and the BLAS library files loaded into this process."""
    # A matrix product makes PyTorch load its BLAS library if it has not yet.
    torch.ones(4, 4) @ torch.ones(4, 4)
    libraries = set()
    try:
        with open(f"/proc/{os.getpid()}/maps", encoding="utf-8") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if "blas" in os.path.basename(path).lower():
                    libraries.add(os.path.realpath(path))
    except OSError:
        libraries.add("unknown (/proc/<pid>/maps is not readable)")
    return {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": sorted(libraries),
    }
