//! A stream read on its own thread, so that the reader can wait for it with a deadline.
//!
//! A pipe gives what its writer has written so far and then blocks until the writer writes
//! more or closes it (`(echo 第一行; sleep 15; echo 第二行) | yuedu`). A pager must not wait
//! for the end, or even for a full first region, before it draws: `less` shows what has come
//! at once. [`Pump::start`] moves the blocking reads to a thread that hands each chunk over a
//! bounded channel; [`Pump::gather`] takes what arrives until a deadline, and the [`Pump`] is
//! then the rest of the stream, read by the background reader ([`super::loader`]) as any
//! other [`Read`]. The thread is never joined: when the reader quits, the process ends while
//! the thread may still be blocked in `read` (exit does not wait for it), and a thread whose
//! receiver is gone stops at its next chunk.

use std::io::Read;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Bytes asked of the stream per read on the pump thread.
const READ_BYTES: usize = 64 << 10;
/// Chunks that may wait in the channel (the pump is at most this many reads ahead).
const QUEUE: usize = 16;

/// The rest of a stream read on a thread.
pub struct Pump {
    rx: Receiver<std::io::Result<Vec<u8>>>,
    /// The chunk being read from, and how far.
    current: Vec<u8>,
    at: usize,
    /// The stream ended (or failed: the error was handed on once).
    ended: bool,
}

/// What [`Pump::gather`] found.
pub enum Gathered {
    /// The stream ended: these are all its bytes.
    Ended(Vec<u8>),
    /// The stream goes on: its first bytes (`limit` of them, or what came before the deadline).
    More(Vec<u8>),
}

impl Pump {
    /// Starts reading `stream` on a thread.
    pub fn start(mut stream: Box<dyn Read + Send>) -> std::io::Result<Pump> {
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("stream".into())
            .spawn(move || loop {
                let mut buf = vec![0u8; READ_BYTES];
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        buf.truncate(n);
                        if tx.send(Ok(buf)).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        break;
                    }
                }
            })?;
        Ok(Pump {
            rx,
            current: Vec::new(),
            at: 0,
            ended: false,
        })
    }

    /// Takes the stream's first bytes: until it ends, `limit` bytes have come, or `wait` has
    /// passed (then what has come, perhaps nothing: the reader shows it and reads on).
    pub fn gather(&mut self, limit: usize, wait: Duration) -> std::io::Result<Gathered> {
        let deadline = Instant::now() + wait;
        let mut head = Vec::new();
        while head.len() < limit {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(Ok(chunk)) => head.extend_from_slice(&chunk),
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Disconnected) => {
                    self.ended = true;
                    return Ok(Gathered::Ended(head));
                }
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if head.len() > limit {
            // The bytes past the limit are read again first.
            self.current = head.split_off(limit);
            self.at = 0;
        }
        Ok(Gathered::More(head))
    }
}

impl Pump {
    /// Reads like [`Read::read`], but waits for the stream only until `deadline` (`None`:
    /// as long as it takes): `Ok(None)` when nothing came by then — the writer has paused,
    /// and the background reader shows what it has ([`super::live`]). Bytes already here are
    /// returned even when the deadline has passed.
    pub fn read_until(
        &mut self,
        buf: &mut [u8],
        deadline: Option<Instant>,
    ) -> std::io::Result<Option<usize>> {
        while self.at >= self.current.len() {
            if self.ended {
                return Ok(Some(0));
            }
            let got = match deadline {
                None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(d) => match self.rx.try_recv() {
                    Ok(chunk) => Ok(chunk),
                    Err(mpsc::TryRecvError::Disconnected) => Err(RecvTimeoutError::Disconnected),
                    Err(mpsc::TryRecvError::Empty) => self
                        .rx
                        .recv_timeout(d.saturating_duration_since(Instant::now())),
                },
            };
            match got {
                Ok(Ok(chunk)) => (self.current, self.at) = (chunk, 0),
                Ok(Err(e)) => {
                    self.ended = true;
                    return Err(e);
                }
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => self.ended = true,
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(Some(n))
    }
}

impl Read for Pump {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Ok(self.read_until(buf, None)?.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that gives `first`, then blocks (a pipe whose writer sleeps) until `go`.
    struct Slow {
        first: Option<Vec<u8>>,
        go: Receiver<Vec<u8>>,
    }

    impl Read for Slow {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let chunk = match self.first.take() {
                Some(c) => c,
                None => self.go.recv().unwrap_or_default(),
            };
            buf[..chunk.len()].copy_from_slice(&chunk);
            Ok(chunk.len())
        }
    }

    #[test]
    fn what_came_before_the_deadline_is_the_head_and_the_rest_follows() {
        let (tx, go) = mpsc::channel();
        let slow = Slow {
            first: Some("第一行文字\n".as_bytes().to_vec()),
            go,
        };
        let mut pump = Pump::start(Box::new(slow)).unwrap();
        let Gathered::More(head) = pump.gather(1 << 20, Duration::from_millis(50)).unwrap() else {
            panic!("the stream has not ended");
        };
        assert_eq!(head, "第一行文字\n".as_bytes());
        tx.send("第二行文字\n".as_bytes().to_vec()).unwrap();
        tx.send(Vec::new()).unwrap();
        let mut rest = String::new();
        pump.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "第二行文字\n");
    }

    #[test]
    fn read_until_gives_up_at_the_deadline_and_then_reads_on() {
        let (tx, go) = mpsc::channel();
        let slow = Slow { first: None, go };
        let mut pump = Pump::start(Box::new(slow)).unwrap();
        let mut buf = [0u8; 64];
        let soon = Instant::now() + Duration::from_millis(30);
        assert_eq!(pump.read_until(&mut buf, Some(soon)).unwrap(), None);
        tx.send(b"late\n".to_vec()).unwrap();
        // Already passed: what has come is still returned.
        let mut got = None;
        for _ in 0..200 {
            got = pump.read_until(&mut buf, Some(soon)).unwrap();
            if got.is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(got, Some(5));
        assert_eq!(&buf[..5], b"late\n");
        tx.send(Vec::new()).unwrap();
        assert_eq!(pump.read_until(&mut buf, None).unwrap(), Some(0));
    }

    #[test]
    fn an_ended_stream_is_whole_and_a_long_one_is_cut_at_the_limit() {
        let short = std::io::Cursor::new(b"abc\n".to_vec());
        let mut pump = Pump::start(Box::new(short)).unwrap();
        assert!(matches!(
            pump.gather(100, Duration::from_secs(10)).unwrap(),
            Gathered::Ended(b) if b == b"abc\n"
        ));
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut pump = Pump::start(Box::new(std::io::Cursor::new(long.clone()))).unwrap();
        let Gathered::More(head) = pump.gather(100_000, Duration::from_secs(10)).unwrap() else {
            panic!("longer than the limit");
        };
        assert_eq!(head, &long[..100_000]);
        let mut rest = Vec::new();
        pump.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, &long[100_000..]);
    }
}
