//! Static assets, embedded in the binary. Each is served under a URL that contains a hash
//! of its content, so browsers may cache it forever and a new release busts the cache.

use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use crate::AppState;

pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
    /// `/static/<stem>.<hash>.<ext>`
    pub url: String,
}

pub struct Assets {
    list: Vec<Asset>,
}

const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../static/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../static/app.js")),
    ("front_desk.js", "text/javascript; charset=utf-8", include_bytes!("../static/front_desk.js")),
    ("favicon.svg", "image/svg+xml", include_bytes!("../static/favicon.svg")),
    ("pow.js", "text/javascript; charset=utf-8", include_bytes!("../../rathaus-fairness/js/pow.js")),
];

impl Assets {
    pub fn embedded() -> Self {
        let list = FILES
            .iter()
            .map(|(name, content_type, bytes)| {
                let hash = hex::encode(&Sha256::digest(bytes)[..6]);
                let (stem, ext) = name.rsplit_once('.').expect("asset names have an extension");
                Asset { name, content_type, bytes, url: format!("/static/{stem}.{hash}.{ext}") }
            })
            .collect();
        Self { list }
    }

    /// The cache-busting URL of an asset by its plain name, e.g. `app.css`.
    pub fn url(&self, name: &str) -> &str {
        self.list.iter().find(|a| a.name == name).map_or("/static/missing", |a| a.url.as_str())
    }

    fn by_url_file(&self, file: &str) -> Option<&Asset> {
        self.list.iter().find(|a| a.url.rsplit('/').next() == Some(file))
    }
}

pub async fn serve_asset(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    match state.assets.by_url_file(&file) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
            ],
            asset.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
