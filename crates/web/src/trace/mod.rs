//! The API trace: every request the console's actions stand for, in order, for the trace
//! drawer ([`crate::components::trace_drawer`]).
//!
//! Working in this browser, an operation records the call the real service would receive
//! (built by the core's [`ApiCall`], the same that apig-mock is sent) and the core's answer:
//! the success status with the body built from the core's wire types, or the refusal's code and
//! message. With apig-mock, every signed request that goes out is recorded as it was sent,
//! with its answer and how long it took; the secret key is never part of a request (only the
//! signature computed with it is). The log keeps the latest [`KEEP`] entries.
//!
//! The log is a signal provided through context by [`provide_trace`]; the recording hooks
//! (the store's homes and the backend's HTTP call) reach it through [`record`], which writes
//! to the log of the console that is mounted, if any.

use std::cell::RefCell;
use std::collections::VecDeque;

use apig_core::api::ErrorBody;
use apig_core::export::{ApiCall, ExportContext, curl_call, curl_sent, koocli_call};
use apig_core::validate::Problem;
use leptos::prelude::*;

/// How many entries the log keeps (older ones are dropped first).
pub const KEEP: usize = 200;

/// How a recorded call was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Not sent: what the real service would receive, answered by the core in this browser.
    Local {
        /// The region and project the call is for.
        context: ExportContext,
    },
    /// Sent to apig-mock at `base_url` with these headers (signed; `Host` is the browser's).
    Mock {
        base_url: String,
        headers: Vec<(String, String)>,
    },
}

/// One request and its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceEntry {
    /// Increasing number, the entry's key.
    pub id: u32,
    /// When it was made (epoch ms).
    pub at: u64,
    /// The request.
    pub call: ApiCall,
    /// Where it went.
    pub via: Via,
    /// The answer's HTTP status; `None` when no answer came (the server was not reached).
    pub status: Option<u16>,
    /// The answer's `error_code`, if it has one.
    pub code: Option<String>,
    /// The answer's body (pretty JSON when it is JSON), or why there is none.
    pub answer: String,
    /// How long the answer took, in ms (apig-mock only: the core answers at once).
    pub millis: Option<f64>,
}

impl TraceEntry {
    /// A read (GET): the periodic sync with apig-mock is all reads, which the drawer folds away
    /// unless asked.
    pub fn is_read(&self) -> bool {
        self.call.method == "GET"
    }

    /// Whether the answer is a success.
    pub fn is_success(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// The request as a curl command: unsigned (with a note to sign it) for a local entry,
    /// the exact signed request for an apig-mock one.
    pub fn curl(&self) -> String {
        match &self.via {
            Via::Local { context } => curl_call(&self.call, context),
            Via::Mock { base_url, headers } => curl_sent(&self.call, base_url, headers),
        }
    }

    /// The request as a `KooCLI` command, if the real service has the call.
    pub fn koocli(&self, context: &ExportContext) -> Option<String> {
        koocli_call(&self.call, context)
    }
}

/// The recorded entries, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TraceLog {
    pub entries: VecDeque<TraceEntry>,
    next_id: u32,
}

impl TraceLog {
    /// Adds `entry` (its `id` is set here), dropping the oldest beyond [`KEEP`].
    pub fn push(&mut self, mut entry: TraceEntry) {
        self.next_id = self.next_id.wrapping_add(1);
        entry.id = self.next_id;
        self.entries.push_back(entry);
        while self.entries.len() > KEEP {
            self.entries.pop_front();
        }
    }
}

/// The trace log and whether the drawer is open, provided through context.
#[derive(Clone, Copy)]
pub struct Trace {
    pub log: RwSignal<TraceLog>,
    pub open: RwSignal<bool>,
}

thread_local! {
    /// The log of the mounted console (the wasm module has one thread).
    static SINK: RefCell<Option<RwSignal<TraceLog>>> = const { RefCell::new(None) };
}

/// Creates the trace log, makes it the one [`record`] writes to while the caller's owner
/// lives, and provides it to every component below.
pub fn provide_trace() -> Trace {
    let trace = Trace {
        log: RwSignal::new(TraceLog::default()),
        open: RwSignal::new(false),
    };
    SINK.with(|sink| *sink.borrow_mut() = Some(trace.log));
    let log = trace.log;
    on_cleanup(move || {
        SINK.with(|sink| {
            let mut sink = sink.borrow_mut();
            if *sink == Some(log) {
                *sink = None;
            }
        });
    });
    provide_context(trace);
    trace
}

/// The trace of the mounted console.
pub fn use_trace() -> Trace {
    expect_context::<Trace>()
}

/// Adds `entry` to the mounted console's log (nothing when none is mounted).
pub fn record(entry: TraceEntry) {
    let log = SINK.with(|sink| *sink.borrow());
    if let Some(log) = log.filter(|log| !log.is_disposed()) {
        log.update(|l| l.push(entry));
    }
}

/// `text` re-indented when it is JSON (the answer as the person reads it), else as it is.
pub fn readable(text: &str) -> String {
    if text.trim_start().starts_with(['{', '[']) {
        apig_core::export::indent_json(text.trim())
    } else {
        text.to_owned()
    }
}

/// Records `call`, answered in this browser by the core with a success and `body` (compact
/// JSON, or `None` when the answer has no body).
pub fn record_local(call: ApiCall, context: ExportContext, body: Option<&str>) {
    let status = call.success_status();
    record(TraceEntry {
        id: 0,
        at: crate::state::now_ms(),
        call,
        via: Via::Local { context },
        status: Some(status),
        code: None,
        answer: body.map(readable).unwrap_or_default(),
        millis: None,
    });
}

/// Records `call`, refused in this browser by the core with `problem` (the status of its code
/// and the error body apig-mock would answer).
pub fn record_refusal(call: ApiCall, context: ExportContext, problem: &Problem) {
    record_error(
        call,
        context,
        problem.code.http_status(),
        &ErrorBody::from(problem),
    );
}

/// Records `call`, refused in this browser by the core with `status` and `body`.
pub fn record_error(call: ApiCall, context: ExportContext, status: u16, body: &ErrorBody) {
    record(TraceEntry {
        id: 0,
        at: crate::state::now_ms(),
        call,
        via: Via::Local { context },
        status: Some(status),
        code: Some(body.error_code.clone()),
        answer: serde_json::to_string(body)
            .map(|text| readable(&text))
            .unwrap_or_default(),
        millis: None,
    });
}
