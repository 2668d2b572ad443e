//! Credentials (AK / SK / project-ID triples) and where the emulator keeps its data.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ids;

/// Environment variables the official SDKs read, used the same way here.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// See [`ENV_AK`].
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// See [`ENV_AK`].
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";

/// The file name of the development credentials created on first start.
pub const DEV_CREDENTIALS_FILE: &str = "dev-credentials.json";

/// One AK / SK pair and the project it works in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    /// Access key (AK).
    pub access_key: String,
    /// Secret key (SK).
    pub secret_key: String,
    /// The project ID; its sandbox account is the caller's account.
    pub project_id: String,
}

impl Credential {
    /// A fresh random development credential.
    pub fn generate() -> Self {
        Self {
            access_key: ids::random_upper(20),
            secret_key: ids::random_alnum(40),
            project_id: ids::random_hex32(),
        }
    }
}

/// The credentials the emulator accepts.
#[derive(Debug, Clone, Default)]
pub struct Credentials(Vec<Credential>);

/// Why credentials could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// The file is not a credential or a list of them.
    #[error("{path}: not a JSON credential or list of credentials ({source})")]
    Format {
        /// The file.
        path: PathBuf,
        /// What serde said.
        source: serde_json::Error,
    },
    /// A credential has an empty field or an AK that cannot appear in a signature.
    #[error("invalid credential: {0}")]
    Invalid(String),
    /// Some but not all of the three environment variables are set.
    #[error("set all of {ENV_AK}, {ENV_SK} and {ENV_PROJECT_ID}, or none")]
    PartialEnvironment,
}

/// Where the credentials came from (for the start-up message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    /// `--credentials FILE`.
    File(PathBuf),
    /// The `HUAWEICLOUD_SDK_*` environment variables.
    Environment,
    /// The development triple in the data directory, `created` on this start or not.
    Development {
        /// The file.
        path: PathBuf,
        /// Whether it was created now.
        created: bool,
    },
}

impl Credentials {
    /// Credentials from a list (checked).
    pub fn new(list: Vec<Credential>) -> Result<Self, CredentialsError> {
        if list.is_empty() {
            return Err(CredentialsError::Invalid("no credential given".into()));
        }
        for c in &list {
            if c.access_key.is_empty()
                || c.access_key
                    .chars()
                    .any(|ch| ch.is_whitespace() || ch == ',' || ch == '=')
            {
                return Err(CredentialsError::Invalid(format!(
                    "access key {:?} must be non-empty without whitespace, ',' or '='",
                    c.access_key
                )));
            }
            if c.secret_key.is_empty() || c.project_id.is_empty() {
                return Err(CredentialsError::Invalid(format!(
                    "credential {} needs a secret key and a project ID",
                    c.access_key
                )));
            }
        }
        Ok(Self(list))
    }

    /// The credential of an access key.
    pub fn get(&self, access_key: &str) -> Option<&Credential> {
        self.0.iter().find(|c| c.access_key == access_key)
    }

    /// Every credential.
    pub fn all(&self) -> &[Credential] {
        &self.0
    }

    /// Reads `[{"access_key","secret_key","project_id"}, …]` or a single such object.
    pub fn from_file(path: &Path) -> Result<Self, CredentialsError> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<Credential>),
            One(Credential),
        }
        let text = fs::read_to_string(path).map_err(|source| CredentialsError::Io {
            path: path.to_owned(),
            source,
        })?;
        let parsed: OneOrMany =
            serde_json::from_str(&text).map_err(|source| CredentialsError::Format {
                path: path.to_owned(),
                source,
            })?;
        Self::new(match parsed {
            OneOrMany::Many(list) => list,
            OneOrMany::One(one) => vec![one],
        })
    }

    /// The triple of the `HUAWEICLOUD_SDK_*` variables, if all three are set.
    pub fn from_environment() -> Result<Option<Self>, CredentialsError> {
        let read = |name: &str| env::var(name).ok().filter(|v| !v.is_empty());
        match (read(ENV_AK), read(ENV_SK), read(ENV_PROJECT_ID)) {
            (Some(access_key), Some(secret_key), Some(project_id)) => Self::new(vec![Credential {
                access_key,
                secret_key,
                project_id,
            }])
            .map(Some),
            (None, None, None) => Ok(None),
            _ => Err(CredentialsError::PartialEnvironment),
        }
    }

    /// The development triple kept in `dir`, created (and written) when missing.
    pub fn development(dir: &Path) -> Result<(Self, CredentialSource), CredentialsError> {
        let path = dir.join(DEV_CREDENTIALS_FILE);
        if path.exists() {
            let credentials = Self::from_file(&path)?;
            return Ok((
                credentials,
                CredentialSource::Development {
                    path,
                    created: false,
                },
            ));
        }
        let credential = Credential::generate();
        let io_error = |source| CredentialsError::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(dir).map_err(io_error)?;
        let text = serde_json::to_string_pretty(&[&credential]).unwrap_or_default();
        write_private(&path, &(text + "\n")).map_err(io_error)?;
        Ok((
            Self::new(vec![credential])?,
            CredentialSource::Development {
                path,
                created: true,
            },
        ))
    }

    /// `--credentials FILE`, else the environment, else the development triple in `dir`.
    pub fn load(
        file: Option<&Path>,
        dir: &Path,
    ) -> Result<(Self, CredentialSource), CredentialsError> {
        if let Some(file) = file {
            return Ok((Self::from_file(file)?, CredentialSource::File(file.into())));
        }
        if let Some(credentials) = Self::from_environment()? {
            return Ok((credentials, CredentialSource::Environment));
        }
        Self::development(dir)
    }
}

/// Creates `path` readable and writable by its owner only (0600 on Unix: it holds a secret
/// key), failing if it exists.
fn write_private(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write as _;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// The warning to print when the emulator listens on an address other hosts may reach: its
/// development credentials are printed and its admin surface can replace the account.
pub fn exposure_warning(address: &std::net::SocketAddr) -> Option<String> {
    (!address.ip().is_loopback()).then(|| {
        format!(
            "warning: --listen {address} is not a loopback address; anyone who can reach it can \
             try the credentials, and whoever holds them can read and replace the sandbox \
             (see \"Security model\" in docs/mock.md)"
        )
    })
}

/// The per-user data directory: `$XDG_DATA_HOME/apig-mock`, else
/// `$HOME/.local/share/apig-mock`, else `./.apig-mock`.
pub fn default_data_dir() -> PathBuf {
    if let Some(xdg) = env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("apig-mock");
    }
    if let Some(home) = env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(home).join(".local/share/apig-mock");
    }
    PathBuf::from(".apig-mock")
}

/// The default database file inside [`default_data_dir`].
pub fn default_database() -> PathBuf {
    default_data_dir().join("apig-mock.sqlite3")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn development_credentials_are_created_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (first, source) = Credentials::development(dir.path()).expect("create");
        assert!(matches!(
            source,
            CredentialSource::Development { created: true, .. }
        ));
        let (second, source) = Credentials::development(dir.path()).expect("reuse");
        assert!(matches!(
            source,
            CredentialSource::Development { created: false, .. }
        ));
        assert_eq!(first.all(), second.all());
        assert_eq!(first.all()[0].project_id.len(), 32);
    }

    #[test]
    fn files_hold_one_or_many() {
        let dir = tempfile::tempdir().expect("tempdir");
        let one = dir.path().join("one.json");
        fs::write(
            &one,
            r#"{"access_key":"AK1","secret_key":"SK1","project_id":"p1"}"#,
        )
        .expect("write");
        assert_eq!(Credentials::from_file(&one).expect("one").all().len(), 1);
        let many = dir.path().join("many.json");
        fs::write(
            &many,
            r#"[{"access_key":"AK1","secret_key":"SK1","project_id":"p1"},
                {"access_key":"AK2","secret_key":"SK2","project_id":"p2"}]"#,
        )
        .expect("write");
        let c = Credentials::from_file(&many).expect("many");
        assert_eq!(c.get("AK2").map(|c| c.project_id.as_str()), Some("p2"));
        let bad = dir.path().join("bad.json");
        fs::write(
            &bad,
            r#"{"access_key":"A K","secret_key":"S","project_id":"p"}"#,
        )
        .expect("write");
        assert!(matches!(
            Credentials::from_file(&bad),
            Err(CredentialsError::Invalid(_))
        ));
        fs::write(&bad, "nope").expect("write");
        assert!(matches!(
            Credentials::from_file(&bad),
            Err(CredentialsError::Format { .. })
        ));
    }
}
