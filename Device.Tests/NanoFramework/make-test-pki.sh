#!/usr/bin/env bash
# Makes the throw-away test PKI the shared tests read on a board (nanoFramework cannot generate keys) and a
# nanoff file-deployment JSON that copies it to I:\m2g-test\. Usage: make-test-pki.sh OUT_DIR [SERIAL_PORT]
# The files are written to OUT_DIR only, never into the repository. Validity 2020-01-01 .. 2120-01-01 UTC, which
# Device.Tests/NanoFramework/TestPlatform.cs states.
set -euo pipefail
out=${1:?usage: make-test-pki.sh OUT_DIR [SERIAL_PORT]}; port=${2:-COM3}
mkdir -p "$out"; cd "$out"
# openssl ca (not x509 -req) because only it sets an explicit validity window on openssl 3.0.
sign() { # name serial
  : > index.txt; printf '%s\n' "$2" > serial
  printf '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nserial=serial\nnew_certs_dir=.\ndefault_md=sha256\npolicy=p\ncopy_extensions=none\n[p]\norganizationName=supplied\ncommonName=supplied\n' > ca.cnf
  openssl ca -batch -notext -config ca.cnf -cert ca.pem -keyfile ca-key.pem -in "$1.csr" -out "$1.pem" \
    -startdate 20200101000000Z -enddate 21200101000000Z -extfile "$1.ext" >/dev/null 2>&1
}
openssl ecparam -name prime256v1 -genkey -noout -out ca-key.pem
openssl req -x509 -new -key ca-key.pem -subj "/O=Mqtt2Go Test/CN=Mqtt2Go Test CA" -days 36500 -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl ecparam -name prime256v1 -genkey -noout -out device-key.pem
openssl req -new -key device-key.pem -subj "/O=Mqtt2Go Test/CN=dev-0001" -out device.csr
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' > device.ext
sign device 02
openssl ecparam -name prime256v1 -genkey -noout -out server-key.pem
openssl req -new -key server-key.pem -subj "/O=Mqtt2Go Test/CN=localhost" -out server.csr
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
sign server 03
openssl x509 -in ca.pem -outform der -out ca.der
openssl x509 -in device.pem -outform der -out device.der
openssl x509 -in server.pem -outform der -out server.der
openssl pkcs8 -topk8 -nocrypt -in device-key.pem -outform der -out device-key.der
rm -f ca-key.pem server-key.pem device-key.pem ./*.csr ./*.ext ./*.pem ca.cnf index.txt* serial*
abs=$(pwd)
cat > deploy.json <<JSON
{ "SerialPort": "$port", "Files": [
  { "DestinationFilePath": "I:\\\\m2g-test\\\\ca.der", "SourceFilePath": "$abs/ca.der" },
  { "DestinationFilePath": "I:\\\\m2g-test\\\\device.der", "SourceFilePath": "$abs/device.der" },
  { "DestinationFilePath": "I:\\\\m2g-test\\\\device-key.der", "SourceFilePath": "$abs/device-key.der" },
  { "DestinationFilePath": "I:\\\\m2g-test\\\\server.der", "SourceFilePath": "$abs/server.der" } ] }
JSON
echo "test PKI in $abs; deploy with: nanoff --filedeployment $abs/deploy.json"
