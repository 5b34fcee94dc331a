package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// writeSelfSigned writes a certificate and key for 127.0.0.1 into dir.
func writeSelfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "goldthread test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestServeTLS: with --tls-cert/--tls-key the server speaks only TLS, sends
// HSTS and marks the session cookie Secure (ONC (d)(9)).
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := writeSelfSigned(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: pw, stderr: &errOut, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, []string{"serve", "--db", filepath.Join(dir, "gt.db"), "--addr", "127.0.0.1:0", "--demo",
			"--tls-cert", certFile, "--tls-key", keyFile})
		pw.Close()
	}()
	buf := make([]byte, 256)
	n, _ := pr.Read(buf)
	addr := regexp.MustCompile(`https://[0-9.:]+`).FindString(string(buf[:n]))
	if addr == "" {
		t.Fatalf("no https address in %q (%s)", buf[:n], errOut.String())
	}
	go io.Copy(io.Discard, pr)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(addr+"/signin", map[string][]string{"email": {"dana@riverbend.example"}, "password": {"riverbend-demo-2026"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if !strings.Contains(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Error("no HSTS over TLS")
	}
	if sc := res.Header.Get("Set-Cookie"); !strings.Contains(sc, "Secure") {
		t.Errorf("session cookie not Secure: %q", sc)
	}
	plain, err := http.Get(strings.Replace(addr, "https", "http", 1) + "/healthz")
	if err == nil && plain.StatusCode == 200 {
		t.Error("the TLS server also answered plain HTTP")
	}
	cancel()
	<-done
}

// TestOpenURL: the printed address is one where passkeys work: the public
// URL when set, and "localhost" rather than a loopback IP.
func TestOpenURL(t *testing.T) {
	for _, c := range []struct{ scheme, bound, public, want string }{
		{"http", "127.0.0.1:8080", "", "http://localhost:8080"},
		{"http", "[::1]:8080", "", "http://localhost:8080"},
		{"https", "10.0.0.5:443", "", "https://10.0.0.5:443"},
		{"https", "0.0.0.0:8443", "https://goldthread.example.org", "https://goldthread.example.org"},
	} {
		if got := openURL(c.scheme, c.bound, c.public); got != c.want {
			t.Errorf("openURL(%q, %q, %q) = %q; want %q", c.scheme, c.bound, c.public, got, c.want)
		}
	}
}
