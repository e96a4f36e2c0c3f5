// Name rendering for CertGetNameString, CertNameToStr-style RDN strings and
// the string find types of CertFindCertificateInStore.

package engine

import (
	"encoding/asn1"
	"encoding/hex"
	"strings"
	"unicode/utf16"
)

// Name types of CertGetNameString (CERT_NAME_*_TYPE).
const (
	NameEmail           = 1 // CERT_NAME_EMAIL_TYPE
	NameRDN             = 2 // CERT_NAME_RDN_TYPE
	NameAttr            = 3 // CERT_NAME_ATTR_TYPE
	NameSimpleDisplay   = 4 // CERT_NAME_SIMPLE_DISPLAY_TYPE
	NameFriendlyDisplay = 5 // CERT_NAME_FRIENDLY_DISPLAY_TYPE
	NameDNS             = 6 // CERT_NAME_DNS_TYPE
	NameURL             = 7 // CERT_NAME_URL_TYPE
	NameUPN             = 8 // CERT_NAME_UPN_TYPE
)

// String types and flags of CertNameToStr (the dwStrType of
// CERT_NAME_RDN_TYPE).
const (
	NameStrSimple    = 1          // CERT_SIMPLE_NAME_STR: values only
	NameStrOID       = 2          // CERT_OID_NAME_STR: "2.5.4.3=value"
	NameStrX500      = 3          // CERT_X500_NAME_STR: "CN=value"
	NameStrSemicolon = 0x40000000 // CERT_NAME_STR_SEMICOLON_FLAG: "; " between RDNs
	NameStrNoPlus    = 0x20000000 // CERT_NAME_STR_NO_PLUS_FLAG: " " inside a multi-valued RDN
	NameStrNoQuoting = 0x10000000 // CERT_NAME_STR_NO_QUOTING_FLAG
	NameStrCRLF      = 0x08000000 // CERT_NAME_STR_CRLF_FLAG: "\r\n" between RDNs
	NameStrComma     = 0x04000000 // CERT_NAME_STR_COMMA_FLAG
	NameStrReverse   = 0x02000000 // CERT_NAME_STR_REVERSE_FLAG: last RDN first
)

// OIDs of the name attributes the display rules look for.
const (
	oidCommonName   = "2.5.4.3"
	oidOrgUnit      = "2.5.4.11"
	oidOrganization = "2.5.4.10"
	oidEmailAttr    = "1.2.840.113549.1.9.1"
	oidSubjectAlt   = "2.5.29.17"
	oidIssuerAlt    = "2.5.29.18"
	oidUPN          = "1.3.6.1.4.1.311.20.2.3"
)

// x500Keys are the attribute abbreviations CertNameToStr uses.
var x500Keys = map[string]string{
	"2.5.4.3":                    "CN",
	"2.5.4.4":                    "SN",
	"2.5.4.5":                    "SERIALNUMBER",
	"2.5.4.6":                    "C",
	"2.5.4.7":                    "L",
	"2.5.4.8":                    "S",
	"2.5.4.9":                    "STREET",
	"2.5.4.10":                   "O",
	"2.5.4.11":                   "OU",
	"2.5.4.12":                   "T",
	"2.5.4.42":                   "G",
	"2.5.4.43":                   "I",
	"2.5.4.46":                   "dnQualifier",
	"2.5.4.17":                   "PostalCode",
	"2.5.4.97":                   "OrganizationIdentifier",
	"1.2.840.113549.1.9.1":       "E",
	"0.9.2342.19200300.100.1.25": "DC",
	"0.9.2342.19200300.100.1.1":  "UID",
}

// nameAttr is one AttributeTypeAndValue with its value kept raw so that any
// string type (and non-string values) can be rendered.
type nameAttr struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// nameAttrSET is one RelativeDistinguishedName; encoding/asn1 decodes a
// slice type whose name ends in "SET" as a SET OF.
type nameAttrSET []nameAttr

// nameRDN is a decoded attribute: its dotted OID and string value; hex
// marks a non-string value rendered as "#" and hex digits.
type nameRDN struct {
	oid   string
	value string
	hex   bool
}

// parseName decodes a DER Name into RDNs of attributes; nil on error.
func parseName(der []byte) [][]nameRDN {
	var seq []nameAttrSET
	if rest, err := asn1.Unmarshal(der, &seq); err != nil || len(rest) != 0 {
		return nil
	}
	out := make([][]nameRDN, 0, len(seq))
	for _, set := range seq {
		rdn := make([]nameRDN, 0, len(set))
		for _, a := range set {
			v, isString := asn1Value(a.Value)
			rdn = append(rdn, nameRDN{oid: a.Type.String(), value: v, hex: !isString})
		}
		out = append(out, rdn)
	}
	return out
}

// asn1String renders a directory string value; values of other types
// become "#" followed by the hex of their DER, as CertNameToStr does.
func asn1String(v asn1.RawValue) string {
	s, _ := asn1Value(v)
	return s
}

// asn1Value is asn1String that also reports whether v was a string type.
func asn1Value(v asn1.RawValue) (s string, isString bool) {
	if v.Class == asn1.ClassUniversal && !v.IsCompound {
		switch v.Tag {
		case asn1.TagUTF8String, asn1.TagPrintableString, asn1.TagIA5String,
			asn1.TagNumericString, 26 /* VisibleString */, asn1.TagGeneralString:
			return string(v.Bytes), true
		case asn1.TagT61String: // treat as Latin-1
			r := make([]rune, len(v.Bytes))
			for i, b := range v.Bytes {
				r[i] = rune(b)
			}
			return string(r), true
		case asn1.TagBMPString:
			u := make([]uint16, len(v.Bytes)/2)
			for i := range u {
				u[i] = uint16(v.Bytes[2*i])<<8 | uint16(v.Bytes[2*i+1])
			}
			return string(utf16.Decode(u)), true
		case 28: // UniversalString, UTF-32BE
			r := make([]rune, len(v.Bytes)/4)
			for i := range r {
				b := v.Bytes[4*i:]
				r[i] = rune(uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]))
			}
			return string(r), true
		}
	}
	return "#" + strings.ToUpper(hex.EncodeToString(v.FullBytes)), false
}

// NameToString renders a DER Name like CertNameToStr with the given string
// type and flags (see the NameStr constants); an unknown type renders as
// CERT_X500_NAME_STR. RDNs appear in encoded order ("CN=host, O=Org" for a
// name encoded CN first) unless NameStrReverse is set.
func NameToString(der []byte, strType uint32) string {
	rdns := parseName(der)
	if strType&NameStrReverse != 0 {
		for i, j := 0, len(rdns)-1; i < j; i, j = i+1, j-1 {
			rdns[i], rdns[j] = rdns[j], rdns[i]
		}
	}
	sep, plus := ", ", " + "
	switch {
	case strType&NameStrSemicolon != 0:
		sep = "; "
	case strType&NameStrCRLF != 0:
		sep = "\r\n"
	}
	if strType&NameStrNoPlus != 0 {
		plus = " "
	}
	quote := strType&NameStrNoQuoting == 0
	var b strings.Builder
	for i, rdn := range rdns {
		if i > 0 {
			b.WriteString(sep)
		}
		for j, a := range rdn {
			if j > 0 {
				b.WriteString(plus)
			}
			switch strType & 0xFFFF {
			case NameStrSimple:
			case NameStrOID:
				b.WriteString(a.oid + "=")
			default:
				if k, ok := x500Keys[a.oid]; ok {
					b.WriteString(k + "=")
				} else {
					b.WriteString("OID." + a.oid + "=")
				}
			}
			if quote && !a.hex {
				b.WriteString(quoteNameValue(a.value))
			} else {
				b.WriteString(a.value)
			}
		}
	}
	return b.String()
}

// quoteNameValue wraps v in double quotes (doubling inner quotes) when it
// holds a character that would make the rendered name ambiguous.
func quoteNameValue(v string) string {
	if v != "" && !strings.ContainsAny(v, ",+=\"\r\n<>#;") &&
		v[0] != ' ' && v[len(v)-1] != ' ' {
		return v
	}
	return `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
}

// findNameAttr returns the first value of the attribute oid in the DER Name.
func findNameAttr(der []byte, oid string) (string, bool) {
	for _, rdn := range parseName(der) {
		for _, a := range rdn {
			if a.oid == oid {
				return a.value, true
			}
		}
	}
	return "", false
}

// generalName is one decoded GeneralName of an alternative-name extension.
type generalName struct {
	tag   int    // context tag: 0 otherName, 1 rfc822, 2 dNS, 4 directoryName, 6 URI, 7 IP
	value string // string form for rfc822/dNS/URI/UPN
	raw   []byte // directoryName: the DER Name; otherName: the type OID (dotted) in value
}

// altNames decodes the subject (or issuer) alternative name extension.
func (c *Certificate) altNames(issuer bool) []generalName {
	want := oidSubjectAlt
	if issuer {
		want = oidIssuerAlt
	}
	for _, e := range c.X509.Extensions {
		if e.Id.String() != want {
			continue
		}
		var seq []asn1.RawValue
		if _, err := asn1.Unmarshal(e.Value, &seq); err != nil {
			return nil
		}
		var out []generalName
		for _, gn := range seq {
			if gn.Class != asn1.ClassContextSpecific {
				continue
			}
			g := generalName{tag: gn.Tag}
			switch gn.Tag {
			case 1, 2, 6:
				g.value = string(gn.Bytes)
			case 4:
				var inner asn1.RawValue
				if _, err := asn1.Unmarshal(gn.Bytes, &inner); err == nil {
					g.raw = inner.FullBytes
				}
			case 0:
				// otherName ::= [0] IMPLICIT SEQUENCE { type-id, [0] EXPLICIT value };
				// the RawValue below holds the whole [0] element.
				var other struct {
					Type  asn1.ObjectIdentifier
					Value asn1.RawValue
				}
				var inner asn1.RawValue
				if _, err := asn1.Unmarshal(append([]byte{0x30}, gn.FullBytes[1:]...), &other); err == nil {
					if _, err := asn1.Unmarshal(other.Value.Bytes, &inner); err == nil {
						g.raw = []byte(other.Type.String())
						g.value = asn1String(inner)
					}
				}
			}
			out = append(out, g)
		}
		return out
	}
	return nil
}

func (c *Certificate) firstAltName(issuer bool, tag int, otherOID string) (string, bool) {
	for _, g := range c.altNames(issuer) {
		if g.tag == tag && (tag != 0 || string(g.raw) == otherOID) {
			return g.value, true
		}
	}
	return "", false
}

// NameString implements CertGetNameString for one name type, returning ""
// when nothing matches (the caller then returns a 1-character empty
// string, as Windows does). issuer selects the issuer name
// (CERT_NAME_ISSUER_FLAG). strType is the CertNameToStr type for NameRDN
// (0 = CERT_X500_NAME_STR); attrOID the attribute for NameAttr
// ("" = common name).
func (c *Certificate) NameString(typ uint32, issuer bool, strType uint32, attrOID string) string {
	name := c.X509.RawSubject
	if issuer {
		name = c.X509.RawIssuer
	}
	switch typ {
	case NameEmail:
		if v, ok := c.firstAltName(issuer, 1, ""); ok {
			return v
		}
		v, _ := findNameAttr(name, oidEmailAttr)
		return v
	case NameRDN:
		if strType&0xFFFF == 0 {
			strType |= NameStrX500
		}
		if len(parseName(name)) == 0 {
			for _, g := range c.altNames(issuer) {
				if g.tag == 4 && g.raw != nil {
					return NameToString(g.raw, strType)
				}
			}
		}
		return NameToString(name, strType)
	case NameAttr:
		if attrOID == "" {
			attrOID = oidCommonName
		}
		v, _ := findNameAttr(name, attrOID)
		return v
	case NameFriendlyDisplay:
		if !issuer && c.FriendlyName != "" {
			return c.FriendlyName
		}
		return c.simpleDisplay(name, issuer)
	case NameSimpleDisplay:
		return c.simpleDisplay(name, issuer)
	case NameDNS:
		if v, ok := c.firstAltName(issuer, 2, ""); ok {
			return v
		}
		v, _ := findNameAttr(name, oidCommonName)
		return v
	case NameURL:
		v, _ := c.firstAltName(issuer, 6, "")
		return v
	case NameUPN:
		v, _ := c.firstAltName(issuer, 0, oidUPN)
		return v
	}
	return ""
}

// simpleDisplay is CERT_NAME_SIMPLE_DISPLAY_TYPE: the first common name,
// organizational unit, organization or e-mail attribute, then the
// alternative name's first rfc822Name, then the name's first attribute.
func (c *Certificate) simpleDisplay(name []byte, issuer bool) string {
	for _, oid := range []string{oidCommonName, oidOrgUnit, oidOrganization, oidEmailAttr} {
		if v, ok := findNameAttr(name, oid); ok {
			return v
		}
	}
	if v, ok := c.firstAltName(issuer, 1, ""); ok {
		return v
	}
	if rdns := parseName(name); len(rdns) > 0 && len(rdns[0]) > 0 {
		return rdns[0][0].value
	}
	return ""
}

// MatchNameString reports whether s occurs, ignoring case, in the subject
// (or issuer) name rendered as an X.500 string ("CN=x, O=y"), as a
// values-only string, or in its simple display name. This is
// CERT_FIND_SUBJECT_STR / CERT_FIND_ISSUER_STR; "" matches every name.
func (c *Certificate) MatchNameString(s string, issuer bool) bool {
	name := c.X509.RawSubject
	if issuer {
		name = c.X509.RawIssuer
	}
	s = strings.ToLower(s)
	for _, cand := range []string{
		NameToString(name, NameStrX500),
		NameToString(name, NameStrSimple|NameStrNoQuoting),
		c.simpleDisplay(name, issuer),
	} {
		if strings.Contains(strings.ToLower(cand), s) {
			return true
		}
	}
	return false
}
