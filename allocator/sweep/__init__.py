"""Sweeps: hundreds of what-ifs from one file, on a local pool or a Dask cluster (``genhus sweep``).

The modules, in data-flow order:

- :mod:`~allocator.sweep.spec`: the sweep file (a base scenario, a grid over scenario keys, seeded draws) and its
  expansion into runs;
- :mod:`~allocator.sweep.files`: the input files, read and validated once for every grid point;
- :mod:`~allocator.sweep.run`: one run, a pure function of the files, the run's scenario and its seeds;
- :mod:`~allocator.sweep.rows`: the columns of a run's row;
- :mod:`~allocator.sweep.local` and :mod:`~allocator.sweep.cluster`: the engines (this process, a local process
  pool, a Dask cluster);
- :mod:`~allocator.sweep.stream`: the Parquet results, streamed as runs finish, and ``--resume``;
- :mod:`~allocator.sweep.summary`, :mod:`~allocator.sweep.workbook` and :mod:`~allocator.sweep.words`: the
  summary workbook;
- :mod:`~allocator.sweep.progress`: progress on stderr;
- :mod:`~allocator.sweep.execute`: the whole sweep.

Only :mod:`~allocator.sweep.stream` needs pyarrow and only :mod:`~allocator.sweep.cluster` needs Dask (the
``cluster`` extra); nothing here is imported by ``genhus --help``.
"""
