//! A small load generator: HTTP/1.1 over `std::net::TcpStream` with keep-alive, and a driver that
//! runs one operation on N connections at once, bounded by a count and a duration, recording the
//! latency of every operation.
//!
//! Only what the API benchmark needs: requests with a `Content-Length` body, answers with
//! `Content-Length`, `Transfer-Encoding: chunked` or a body up to the close. A server that
//! answers `Connection: close` (moto's Werkzeug server does, always) gets a new connection
//! for the next request, as any client would open one.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long to wait for a connect, a read or a write before giving up.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// One answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One client connection, reopened when the server closes it.
pub struct Connection {
    address: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
    /// Connections opened so far (1 per request for a server that always closes).
    pub opened: usize,
}

impl Connection {
    pub fn new(address: SocketAddr) -> Self {
        Self {
            address,
            stream: None,
            opened: 0,
        }
    }

    /// Sends one request and reads its answer. `headers` must not contain `Content-Length`.
    /// A kept-alive connection that turns out closed is reopened once.
    pub fn request(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> io::Result<Answer> {
        let reused = self.stream.is_some();
        match self.exchange(method, target, headers, body) {
            Err(_) if reused => {
                self.stream = None;
                self.exchange(method, target, headers, body)
            }
            other => other,
        }
    }

    fn exchange(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> io::Result<Answer> {
        if self.stream.is_none() {
            let stream = TcpStream::connect_timeout(&self.address, IO_TIMEOUT)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(IO_TIMEOUT))?;
            stream.set_write_timeout(Some(IO_TIMEOUT))?;
            self.stream = Some(BufReader::new(stream));
            self.opened += 1;
        }
        let result = self.send_and_read(method, target, headers, body);
        match &result {
            Ok((_, true)) | Err(_) => self.stream = None,
            Ok((_, false)) => {}
        }
        result.map(|(answer, _)| answer)
    }

    /// The answer and whether the server closes the connection after it.
    fn send_and_read(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> io::Result<(Answer, bool)> {
        let Some(reader) = self.stream.as_mut() else {
            return Err(io::Error::other("no connection"));
        };
        let mut head = format!("{method} {target} HTTP/1.1\r\n");
        for (name, value) in headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
        let mut message = head.into_bytes();
        message.extend_from_slice(body);
        reader.get_mut().write_all(&message)?;
        read_answer(reader, method == "HEAD")
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

/// Reads a status line, headers and body; also says whether the connection closes afterwards.
fn read_answer(reader: &mut impl BufRead, head_only: bool) -> io::Result<(Answer, bool)> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed before the answer",
        ));
    }
    let mut parts = line.split_whitespace();
    let version = parts.next().unwrap_or_default().to_owned();
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid("bad status line"))?;
    let mut close = version == "HTTP/1.0";
    let mut length = None;
    let mut chunked = false;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(invalid("connection closed inside the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| invalid("bad Content-Length"))?,
            );
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            if value.eq_ignore_ascii_case("close") {
                close = true;
            } else if value.eq_ignore_ascii_case("keep-alive") {
                close = false;
            }
        }
    }
    let mut body = Vec::new();
    if head_only || status == 204 || status == 304 || (100..200).contains(&status) {
        // No body.
    } else if chunked {
        read_chunked(reader, &mut body)?;
    } else if let Some(n) = length {
        body.resize(n, 0);
        reader.read_exact(&mut body)?;
    } else {
        reader.read_to_end(&mut body)?;
        close = true;
    }
    Ok((Answer { status, body }, close))
}

fn read_chunked(reader: &mut impl BufRead, body: &mut Vec<u8>) -> io::Result<()> {
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let size_text = line.trim().split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| invalid("bad chunk size"))?;
        if size == 0 {
            // Trailers until the empty line.
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                    return Ok(());
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        line.clear();
        reader.read_line(&mut line)?;
    }
}

/// A plain `GET` over a fresh connection (for readiness checks).
pub fn get(address: SocketAddr, path: &str) -> io::Result<Answer> {
    let mut connection = Connection::new(address);
    connection.request(
        "GET",
        path,
        &[
            ("Host".into(), address.to_string()),
            ("Connection".into(), "close".into()),
        ],
        &[],
    )
}

/// Waits until `GET path` answers 200, or `ready` says to stop waiting (with the reason).
pub fn wait_ready(
    address: SocketAddr,
    path: &str,
    timeout: Duration,
    mut still_starting: impl FnMut() -> Result<(), String>,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        if get(address, path).is_ok_and(|a| a.status == 200) {
            return Ok(());
        }
        still_starting()?;
        if Instant::now() > deadline {
            return Err(format!(
                "http://{address}{path} did not answer 200 within {} s",
                timeout.as_secs()
            ));
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// The bounds of one measured run.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// Connections, each driven by its own thread.
    pub connections: usize,
    /// Unmeasured operations per connection first.
    pub warmup: usize,
    /// Measured operations in all (the run stops at this count …).
    pub max_operations: usize,
    /// … or after this long, whichever comes first.
    pub max_duration: Duration,
}

/// What a run measured.
#[derive(Debug, Default)]
pub struct Measured {
    /// Latency of every successful measured operation.
    pub latencies: Vec<Duration>,
    /// Wall time from the start of the measured phase to the end of its last operation.
    pub elapsed: Duration,
    pub errors: usize,
    pub first_error: Option<String>,
    /// TCP connections opened during the run (all connections, warm-up included).
    pub connections_opened: usize,
}

impl Measured {
    /// Successful operations per second.
    pub fn rate(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            count_f64(self.latencies.len()) / seconds
        } else {
            0.0
        }
    }

    /// The `p`-th percentile (nearest rank) of the latencies, in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> Option<f64> {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        percentile(&sorted, p).map(|d| d.as_secs_f64() * 1000.0)
    }
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn count_f64(n: usize) -> f64 {
    n as f64
}

/// Nearest-rank percentile of sorted samples.
pub fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Runs `operation` on `load.connections` connections at once. `operation(worker, connection)`
/// does one unit of work (one or more requests) and says what went wrong, if anything; each
/// worker has its own connection and keeps it across operations.
pub fn drive<F>(address: SocketAddr, load: Load, operation: F) -> Measured
where
    F: Fn(usize, &mut Connection) -> Result<(), String> + Sync,
{
    let started = AtomicUsize::new(0);
    let ready = AtomicUsize::new(0);
    let merged = Mutex::new(Measured::default());
    let go = Mutex::new(None::<Instant>);
    thread::scope(|scope| {
        for worker in 0..load.connections {
            let (operation, started, ready, merged, go) =
                (&operation, &started, &ready, &merged, &go);
            scope.spawn(move || {
                let mut connection = Connection::new(address);
                let mut mine = Measured::default();
                for _ in 0..load.warmup {
                    if let Err(e) = operation(worker, &mut connection) {
                        mine.errors += 1;
                        mine.first_error.get_or_insert(format!("warm-up: {e}"));
                    }
                }
                // Everyone starts the measured phase together.
                ready.fetch_add(1, Ordering::SeqCst);
                while ready.load(Ordering::SeqCst) < load.connections {
                    thread::yield_now();
                }
                let begin = {
                    let mut go = go.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    *go.get_or_insert_with(Instant::now)
                };
                let deadline = begin + load.max_duration;
                let mut last_end = begin;
                while started.fetch_add(1, Ordering::SeqCst) < load.max_operations
                    && Instant::now() < deadline
                {
                    let t0 = Instant::now();
                    let outcome = operation(worker, &mut connection);
                    last_end = Instant::now();
                    match outcome {
                        Ok(()) => mine.latencies.push(last_end - t0),
                        Err(e) => {
                            mine.errors += 1;
                            mine.first_error.get_or_insert(e);
                        }
                    }
                }
                mine.elapsed = last_end - begin;
                mine.connections_opened = connection.opened;
                let mut all = merged
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                all.latencies.append(&mut mine.latencies);
                all.elapsed = all.elapsed.max(mine.elapsed);
                all.errors += mine.errors;
                if all.first_error.is_none() {
                    all.first_error = mine.first_error;
                }
                all.connections_opened += mine.connections_opened;
            });
        }
    });
    merged
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};
    use std::net::TcpListener;

    #[test]
    fn reads_length_chunked_and_close_delimited_answers() {
        let mut r = Cursor::new(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiXX".to_vec());
        let (a, close) = read_answer(&mut r, false).expect("length");
        assert_eq!(
            (a.status, a.body.as_slice(), close),
            (200, &b"hi"[..], false)
        );

        let mut r = Cursor::new(
            b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
                .to_vec(),
        );
        let (a, _) = read_answer(&mut r, false).expect("chunked");
        assert_eq!((a.status, a.text().as_str()), (201, "abcde"));

        let mut r = Cursor::new(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nrest".to_vec());
        let (a, close) = read_answer(&mut r, false).expect("eof");
        assert_eq!((a.text().as_str(), close), ("rest", true));

        let mut r = Cursor::new(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec());
        let (a, close) = read_answer(&mut r, false).expect("204");
        assert_eq!((a.status, a.body.len(), close), (204, 0, true));

        let mut r = Cursor::new(b"garbage\r\n\r\n".to_vec());
        assert!(read_answer(&mut r, false).is_err());
    }

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&samples, 50.0), Some(Duration::from_millis(50)));
        assert_eq!(percentile(&samples, 99.0), Some(Duration::from_millis(99)));
        assert_eq!(
            percentile(&samples, 100.0),
            Some(Duration::from_millis(100))
        );
        assert_eq!(
            percentile(&samples[..1], 99.0),
            Some(Duration::from_millis(1))
        );
        assert_eq!(percentile(&[], 50.0), None);
    }

    /// A keep-alive server that answers three requests on one connection, then closes.
    #[test]
    fn keeps_the_connection_and_reopens_after_a_close() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("addr");
        let server = thread::spawn(move || {
            let mut served = 0;
            for stream in listener.incoming().take(2) {
                let stream = stream.expect("accept");
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut writer = stream;
                for n in 0..3 {
                    let mut line = String::new();
                    let mut length = 0;
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            break;
                        }
                        if let Some(v) = line.strip_prefix("Content-Length: ") {
                            length = v.trim().parse().expect("length");
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).expect("body");
                    served += 1;
                    let close = if n == 2 { "Connection: close\r\n" } else { "" };
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\n{close}Content-Length: {}\r\n\r\n{}",
                        body.len(),
                        String::from_utf8_lossy(&body)
                    );
                    writer.write_all(answer.as_bytes()).expect("write");
                }
            }
            served
        });
        let mut connection = Connection::new(address);
        for n in 0..6 {
            let body = format!("n{n}");
            let answer = connection
                .request("POST", "/", &[], body.as_bytes())
                .expect("answer");
            assert_eq!(answer.text(), body);
        }
        assert_eq!(connection.opened, 2);
        assert_eq!(server.join().expect("server"), 6);
    }
}
