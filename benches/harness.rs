//! A thin layer over criterion, shared by every bench file of this package, so that the
//! same benchmarks can also run untimed a fixed number of times
//! (`<PREFIX>_COUNT=<group/function/input> <PREFIX>_ITERS=n`; `<PREFIX>_COUNT=list` prints
//! every id), which is how the instruction counts per operation are taken under callgrind
//! (`benches/README.md`, "Method": this machine has no hardware counters, and its timings
//! are noisy).

// Each bench file uses the part it needs.
#![allow(dead_code)]

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput};

/// The criterion settings of the codec, family and policy benches.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(50)
}

/// All benchmarks: criterion's, or the count mode's.
pub struct Bench {
    criterion: Option<Criterion>,
    /// Count mode: the full id to run, and how many times. `list` prints every id instead.
    count: Option<(String, u64)>,
}

impl Bench {
    /// Count mode when `<prefix>_COUNT` is set (`<prefix>_ITERS` times, 1000 by default);
    /// criterion with `config` and the command line's arguments otherwise.
    pub fn from_env(prefix: &str, config: impl FnOnce() -> Criterion) -> Bench {
        let count = std::env::var(format!("{prefix}_COUNT")).ok().map(|id| {
            let iters = std::env::var(format!("{prefix}_ITERS"))
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1000);
            (id, iters)
        });
        let criterion = count.is_none().then(|| config().configure_from_args());
        Bench { criterion, count }
    }

    pub fn group(&mut self, name: &'static str) -> Group<'_> {
        Group {
            name,
            inner: self.criterion.as_mut().map(|c| c.benchmark_group(name)),
            count: self.count.as_ref(),
        }
    }

    /// Criterion's final summary (nothing in count mode).
    pub fn finish(self) {
        if let Some(c) = self.criterion {
            c.final_summary();
        }
    }
}

pub struct Group<'c> {
    name: &'static str,
    inner: Option<BenchmarkGroup<'c, WallTime>>,
    count: Option<&'c (String, u64)>,
}

/// What a benchmark closure gets: criterion's `Bencher`, or a plain loop.
pub enum Bencher<'a, 'b> {
    Criterion(&'a mut criterion::Bencher<'b, WallTime>),
    Count(u64),
}

impl Bencher<'_, '_> {
    #[inline(always)]
    pub fn iter<R>(&mut self, mut routine: impl FnMut() -> R) {
        match self {
            Bencher::Criterion(b) => b.iter(routine),
            Bencher::Count(n) => {
                for _ in 0..*n {
                    black_box(routine());
                }
            }
        }
    }
}

impl Group<'_> {
    pub fn throughput(&mut self, t: Throughput) {
        if let Some(g) = &mut self.inner {
            g.throughput(t);
        }
    }

    pub fn bench_function(&mut self, id: (&str, &str), mut f: impl FnMut(&mut Bencher<'_, '_>)) {
        if let Some(g) = &mut self.inner {
            g.bench_function(BenchmarkId::new(id.0, id.1), |b| f(&mut Bencher::Criterion(b)));
        } else if let Some((wanted, iters)) = self.count {
            let full = format!("{}/{}/{}", self.name, id.0, id.1);
            if wanted == "list" {
                println!("{full}");
            } else if *wanted == full {
                f(&mut Bencher::Count(*iters));
            }
        }
    }

    pub fn bench_with_input<I: ?Sized>(
        &mut self,
        id: (&str, &str),
        input: &I,
        mut f: impl FnMut(&mut Bencher<'_, '_>, &I),
    ) {
        self.bench_function(id, |b| f(b, input));
    }

    pub fn finish(self) {
        if let Some(g) = self.inner {
            g.finish();
        }
    }
}
