#!/bin/sh
# Builds the reference broker's three-CA test PKI with openssl, into the directory given as argument (never the repo).
# Usage: certs/make-test-pki.sh OUT_DIR [DEVICE_ID]
set -eu
out=${1:?usage: make-test-pki.sh OUT_DIR [DEVICE_ID]}
device=${2:-dev-0001}
case "$device" in *[!A-Za-z0-9_-]*|'') echo "device id must match [A-Za-z0-9_-]{1,64}" >&2; exit 2;; esac
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "$out")
case "$out/" in "$repo"/*) echo "refusing to write keys inside the repository ($out)" >&2; exit 2;; esac
mkdir -p "$out"
cd "$out"
umask 077

ca() { # name, CN
  openssl ecparam -name prime256v1 -genkey -noout -out "$1-ca.sec1.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$1-ca.sec1.pem" -out "$1-ca.key.pem" && rm "$1-ca.sec1.pem"
  openssl req -x509 -new -key "$1-ca.key.pem" -sha256 -days 3650 -subj "/O=MQTT2GO Reference/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$1-ca.pem"
  openssl x509 -in "$1-ca.pem" -outform der -out "$1-ca.der"
}

leaf() { # file, CN, issuer, server|client
  openssl ecparam -name prime256v1 -genkey -noout -out "$1.sec1.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$1.sec1.pem" -out "$1.key.pem" && rm "$1.sec1.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$1.key.pem" -outform der -out "$1.key.der"
  openssl req -new -key "$1.key.pem" -subj "/CN=$2" -out "$1.csr"
  if [ "$4" = server ]; then
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$1.ext"
  else
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=clientAuth\n' > "$1.ext"
  fi
  openssl x509 -req -in "$1.csr" -CA "$3-ca.pem" -CAkey "$3-ca.key.pem" -CAcreateserial -sha256 -days 825 -extfile "$1.ext" -out "$1.crt.pem"
  openssl x509 -in "$1.crt.pem" -outform der -out "$1.crt.der"
  rm "$1.csr" "$1.ext"
}

ca manufacturer "MQTT2GO Reference Manufacturer CA"
ca service "MQTT2GO Reference Service CA"
ca operational "MQTT2GO Reference Operational CA"
leaf discovery-broker discovery-broker service server
leaf cloud-broker cloud-broker service server
leaf discovery-rest discovery-rest service server
leaf cloud-service mqtt2go-cloud-service service client
leaf controller-home1 controller-home1 service client
leaf "$device" "$device" manufacturer client

# Operational certificate for the SAME public key as the factory certificate (what the cloud broker does).
openssl x509 -in "$device.crt.pem" -noout -pubkey > "$device.pub.pem"
openssl x509 -new -force_pubkey "$device.pub.pem" -subj "/CN=$device" -CA operational-ca.pem -CAkey operational-ca.key.pem \
  -sha256 -days 825 -extfile /dev/stdin -out "$device.operational.crt.pem" 2>/dev/null <<EXT || \
  echo "note: this openssl has no 'x509 -new -force_pubkey' (x509 -new needs OpenSSL 3.0+); use the reference broker to issue operational certs" >&2
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyAgreement
extendedKeyUsage=clientAuth
EXT

cat operational-ca.pem service-ca.pem > cloud-cafile.pem
cp manufacturer-ca.pem discovery-cafile.pem
openssl verify -CAfile manufacturer-ca.pem "$device.crt.pem"
openssl verify -CAfile service-ca.pem cloud-broker.crt.pem
echo "test PKI written to $out"
