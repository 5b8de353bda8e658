"""The authority's certificate authority as plain operations: a root, certificates for its
advisers, a revocation list, and a CA brought from the authority's own PKI (PKCS#12).

No store here (``centre`` keeps the results); every function takes ``now`` so tests and the
demo can make certificates for any date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from linkadviser.signing.errors import SigningError
from linkadviser.signing.keys import PrivateKey, name_attribute

ROOT_YEARS = 20
ADVISER_YEARS = 3
CRL_DAYS = 400  # a school with no network still checks revocation a year after the last sync
SLACK = timedelta(minutes=5)  # certificates start a little before now: laptops' clocks drift


@dataclass(frozen=True)
class Adviser:
    """Whom a certificate is for, as the centre's own record names them."""

    id: str
    name: str
    email: str = ""


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM text (or one DER), refusing anything else in one line."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise SigningError("The certificate file cannot be read (not PEM or DER, or "
                           "damaged).") from None


def make_root(authority: str, key: PrivateKey, now: datetime) -> x509.Certificate:
    name = x509.Name([
        name_attribute(NameOID.COMMON_NAME, f"{authority} Link Adviser signing authority"),
        name_attribute(NameOID.ORGANIZATION_NAME, authority),
    ])
    public = key.public_key()
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(public).serial_number(x509.random_serial_number())
            .not_valid_before(now - SLACK).not_valid_after(now + timedelta(days=365 * ROOT_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(key, hashes.SHA256()))


def issue(ca: x509.Certificate, ca_key: PrivateKey, public_key: object, adviser: Adviser,
          now: datetime, years: int = ADVISER_YEARS) -> x509.Certificate:
    """An adviser's signing certificate, never outliving the CA that issues it."""
    organisation = ca.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    attributes = [name_attribute(NameOID.COMMON_NAME, adviser.name),
                  x509.NameAttribute(NameOID.USER_ID, adviser.id)]
    if organisation:
        attributes.append(organisation[0])
    ends = min(now + timedelta(days=365 * years), ca.not_valid_after_utc)
    builder = (x509.CertificateBuilder().subject_name(x509.Name(attributes))
               .issuer_name(ca.subject).public_key(public_key)  # type: ignore[arg-type]
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - SLACK).not_valid_after(ends)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=False,
                                            crl_sign=False, encipher_only=False,
                                            decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(
                   public_key), critical=False)  # type: ignore[arg-type]
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   ca_key.public_key()), critical=False))  # type: ignore[arg-type]
    if adviser.email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(adviser.email)]), critical=False)
    return builder.sign(ca_key, hashes.SHA256())


def revocation_list(ca: x509.Certificate, ca_key: PrivateKey,
                    revoked: list[tuple[int, datetime, x509.ReasonFlags]], now: datetime
                    ) -> x509.CertificateRevocationList:
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.subject)
               .last_update(now - SLACK).next_update(now + timedelta(days=CRL_DAYS))
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   ca_key.public_key()), critical=False)  # type: ignore[arg-type]
               .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False))
    for serial, when, reason in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when)
            .add_extension(x509.CRLReason(reason), critical=False).build())
    return builder.sign(ca_key, hashes.SHA256())


def read_crl(data: bytes) -> x509.CertificateRevocationList:
    try:
        return x509.load_pem_x509_crl(data)
    except ValueError:
        raise SigningError("The authority's revocation list is damaged; ask the centre for a "
                           "new file.") from None


def from_pkcs12(data: bytes, password: str) -> tuple[PrivateKey, x509.Certificate,
                                                      list[x509.Certificate]]:
    """The CA key, its certificate and the chain above it, from the authority's own PKI."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError:
        raise SigningError("The PKCS#12 file cannot be opened: the password is not right or "
                           "the file is damaged. Nothing was changed.") from None
    if key is None or certificate is None:
        raise SigningError("The PKCS#12 file holds no key with its certificate; export the "
                           "signing CA with its private key. Nothing was changed.")
    try:
        ca = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        ca = False
    if not ca:
        raise SigningError("The PKCS#12 file's certificate is not a certificate authority, so it "
                           "cannot certify advisers. Export the CA's own certificate and key. "
                           "Nothing was changed.")
    return key, certificate, list(chain)  # type: ignore[return-value]


def serial_hex(certificate: x509.Certificate) -> str:
    return f"{certificate.serial_number:X}"


def subject_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def subject_id(certificate: x509.Certificate) -> str:
    ids = certificate.subject.get_attributes_for_oid(NameOID.USER_ID)
    return str(ids[0].value) if ids else ""


def subject_name_of_issuer(certificate: x509.Certificate) -> str:
    names = certificate.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.issuer.rfc4514_string()
