//! The HTTP side of `serve`: hyper on a small tokio runtime, one task per
//! connection, so a client that stops reading (or sends a request head
//! without end) holds up only its own connection.
//!
//! Bounds, each against one way a client could take the server down:
//! a request head may be at most [`MAX_HEAD`] bytes (431 beyond), must
//! arrive within [`HEAD_TIMEOUT`], and a connection lives at most
//! [`LIFETIME`] (then it finishes its request and closes; the browser opens
//! another) plus [`GRACE`] if it will not finish; at most [`MAX_CONNECTIONS`]
//! are served at once, the rest wait to be accepted. Only GET and HEAD are
//! answered (405 otherwise): the preview never changes anything.

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Method, Request, Response, StatusCode, header};
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const MAX_HEAD: usize = 64 * 1024;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
const LIFETIME: Duration = Duration::from_secs(30);
const GRACE: Duration = Duration::from_secs(10);
const MAX_CONNECTIONS: usize = 256;

/// How often the accept loop looks at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// Status, content type and body for a request path.
pub(super) type Responder = Arc<dyn Fn(&str) -> (u16, &'static str, Vec<u8>) + Send + Sync>;

/// The runtime connections are served on, and the listener made ready for
/// it: made before the server says it is up, so a failure is reported.
pub(super) fn prepare(listener: &std::net::TcpListener) -> std::io::Result<tokio::runtime::Runtime> {
    listener.set_nonblocking(true)?;
    // Two workers move connections along; pages render on tokio's blocking
    // threads, since rendering a large index can take a while.
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()
}

/// Serves requests on `listener` until `stop` is set.
pub(super) fn run(
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    respond: Responder,
    stop: &AtomicBool,
) {
    runtime.block_on(accept(listener, respond, stop));
    // Connections still open (a stuck client) are dropped, not waited for.
    runtime.shutdown_background();
}

async fn accept(listener: std::net::TcpListener, respond: Responder, stop: &AtomicBool) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    while !stop.load(Ordering::SeqCst) {
        let Ok(Ok(permit)) = tokio::time::timeout(TICK, permits.clone().acquire_owned()).await else { continue };
        let Ok(accepted) = tokio::time::timeout(TICK, listener.accept()).await else { continue };
        // A failed accept (a client gone at once, too many open files) is
        // that client's problem, not the server's.
        let Ok((stream, _)) = accepted else { continue };
        let respond = respond.clone();
        tokio::spawn(async move {
            connection(stream, respond).await;
            drop(permit);
        });
    }
}

async fn connection(stream: tokio::net::TcpStream, respond: Responder) {
    let service = hyper::service::service_fn(move |request| answer(request, respond.clone()));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(HEAD_TIMEOUT).max_buf_size(MAX_HEAD);
    let connection = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        _ = tokio::time::sleep(LIFETIME) => {
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(GRACE, connection).await;
        }
    }
}

async fn answer(
    request: Request<hyper::body::Incoming>,
    respond: Responder,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let text = "text/plain; charset=utf-8";
    let built = if request.method() != Method::GET && request.method() != Method::HEAD {
        head(StatusCode::METHOD_NOT_ALLOWED, text)
            .header(header::ALLOW, "GET, HEAD")
            .body(Full::new(Bytes::from_static(b"glose serve answers GET and HEAD only.\n")))
    } else {
        let path = request.uri().path().to_string();
        // Rendering a page is work for a blocking thread, not for the tasks
        // that keep every other connection moving.
        match tokio::task::spawn_blocking(move || respond(&path)).await {
            Ok((status, content_type, body)) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                head(status, content_type).body(Full::new(Bytes::from(body)))
            }
            Err(_) => head(StatusCode::INTERNAL_SERVER_ERROR, text)
                .body(Full::new(Bytes::from_static(b"glose failed to answer.\n"))),
        }
    };
    Ok(built.unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))))
}

/// A response's status and headers, the same for every answer: nothing is
/// cached, since the next save changes it.
fn head(status: StatusCode, content_type: &'static str) -> hyper::http::response::Builder {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
}
