"""Private keys, encrypted with a passphrase, and the certificate requests made from them.

ECDSA on P-256: every PDF reader that checks signatures knows it (Ed25519 is not yet shown by
Adobe Reader), and a key is made in a millisecond, where RSA 3072 takes most of a second.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID

from linkadviser import bounded_json
from linkadviser.signing.errors import SigningError

MIN_PASSPHRASE = 8
KEY_FORMAT = b"linkadviser-key-1"
SCRYPT_N = 2 ** 15  # ~50 ms and 32 MB a try on a laptop
ALLOWED_N = (2 ** 14, 2 ** 15, 2 ** 16, 2 ** 17)  # a key file cannot ask for a day's work
# Advisers' keys are always P-256; an authority's own PKI (PKCS#12) may hand over RSA.
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def check_new_passphrase(passphrase: str, again: str | None = None) -> None:
    """The one rule for a new passphrase (the CLI's prompt and the app's dialog both): long
    enough, and, when typed twice (``again``), the same both times."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(f"A passphrase needs at least {MIN_PASSPHRASE} characters; choose a "
                           "longer one. Nothing was created.")
    if again is not None and again != passphrase:
        raise SigningError("The two passphrases differ; type the same one twice. Nothing was "
                           "created.")


def new_key() -> PrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def protect_key(key: PrivateKey, passphrase: str) -> bytes:
    """The key encrypted with AES-256-GCM under a key scrypt draws from the passphrase.

    Not PEM's own encryption: cryptography writes that with PBKDF2 at a few thousand rounds,
    which a stolen laptop's key file would not long survive; scrypt here costs a guesser
    ~50 ms and 32 MB per try, and GCM tells a wrong passphrase from a damaged file no sooner.
    """
    check_new_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    plain = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    sealed = AESGCM(_derive(passphrase, salt, SCRYPT_N)).encrypt(nonce, plain, KEY_FORMAT)
    return json.dumps({"format": KEY_FORMAT.decode(), "kdf": "scrypt", "n": SCRYPT_N, "r": 8,
                       "p": 1, "salt": _b64(salt), "nonce": _b64(nonce),
                       "key": _b64(sealed)}, indent=1).encode()


def _derive(passphrase: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def load_key(protected: bytes, passphrase: str, whose: str) -> PrivateKey:
    """The key, or a one-line SigningError for a wrong passphrase or a damaged key file."""
    try:
        data = bounded_json.loads(protected, max_depth=4, max_bytes=64 * 1024)
        if data.get("format") != KEY_FORMAT.decode() or data.get("kdf") != "scrypt" or \
                data.get("n") not in ALLOWED_N:
            raise ValueError("not a linkadviser key")
        opened = AESGCM(_derive(passphrase, base64.b64decode(data["salt"]), data["n"])).decrypt(
            base64.b64decode(data["nonce"]), base64.b64decode(data["key"]), KEY_FORMAT)
        key = serialization.load_der_private_key(opened, None)
    except (ValueError, TypeError, KeyError, AttributeError, InvalidTag, RecursionError):
        raise SigningError(f"The passphrase for {whose} is not right (or its key file is "
                           "damaged). Nothing was signed or changed.") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise SigningError(f"The key for {whose} is neither an elliptic-curve nor an RSA key; "
                           "linkadviser cannot sign with it.")
    return key


def sign_bytes(key: PrivateKey, data: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def signature_matches(certificate: x509.Certificate, signature: bytes, data: bytes) -> bool:
    public = certificate.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except Exception:  # noqa: BLE001 (cryptography raises InvalidSignature, or ValueError on junk)
        return False
    return True


def fingerprint(public_key: object) -> str:
    """SHA-256 of the public key (DER), grouped for reading aloud on the phone."""
    der = public_key.public_bytes(serialization.Encoding.DER,  # type: ignore[attr-defined]
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    digest = hashlib.sha256(der).hexdigest().upper()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


NAME_LIMIT = 64  # X.520's upper bound for a common name or an organisation's name, in bytes


def name_attribute(oid: x509.ObjectIdentifier, text: str) -> x509.NameAttribute:
    """A name within X.520's bound: "Royal Borough of Windsor and Maidenhead Council Link
    Adviser signing authority" is 78 characters, and a certificate refuses it whole. The
    bound counts UTF-8 bytes, so a Welsh or accented name is cut on a whole character."""
    if len(text.encode()) > NAME_LIMIT:
        cut = text.encode()[:NAME_LIMIT - len("...")].decode(errors="ignore")
        text = cut.rstrip() + "..."
    return x509.NameAttribute(oid, text)


def make_request(key: PrivateKey, name: str, adviser_id: str) -> bytes:
    """A certificate request: the centre reads only its public key (the name it issues to is
    the centre's own record of the adviser), the rest helps a person recognise it."""
    attributes = [name_attribute(NameOID.COMMON_NAME, name or "Link Adviser")]
    if adviser_id:
        attributes.append(x509.NameAttribute(NameOID.USER_ID, adviser_id))
    request = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attributes)) \
        .sign(key, hashes.SHA256())
    return request.public_bytes(serialization.Encoding.PEM)


def read_request(pem: bytes) -> x509.CertificateSigningRequest:
    try:
        request = x509.load_pem_x509_csr(pem)
    except ValueError:
        raise SigningError("A certificate request is damaged; ask the adviser to sync "
                           "again.") from None
    if not request.is_signature_valid:
        raise SigningError("A certificate request's own signature does not match its key; it "
                           "was altered. Ask the adviser to sync again.")
    if not isinstance(request.public_key(), ec.EllipticCurvePublicKey):
        raise SigningError("A certificate request is not for a P-256 key; not issued.")
    return request
