// The three normative vectors of docs/protocol.md §8, verbatim. An implementation that disagrees with
// any of them is wrong; the generator refuses to write a vector file that does.

export interface Rp1Vector {
  readonly note?: string;
  readonly reservedEmail: string;
  readonly normalizedEmail?: string;
  readonly fields: {
    readonly s: string;
    readonly p: string;
    readonly m: string;
    readonly f: string;
    readonly v: string;
    readonly t: string;
    readonly n: string;
    readonly e: string;
  };
  readonly deviceKey: string;
  readonly canonical: string;
  readonly tag: string;
  readonly url: string;
  readonly code: string;
}

export const NORMATIVE_MASTER_KEYS = {
  "1": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
  "2": "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
} as const;

export const NORMATIVE_VECTORS: readonly Rp1Vector[] = [
  {
    reservedEmail: "Owner@Example.com",
    fields: {
      s: "2MN8X-2411-000123",
      p: "2MN-8016",
      m: "A1B2C3D4E5F6",
      f: "4.1.7",
      v: "1",
      t: "1763726400",
      n: "ZGVmZ2hpamtsbW5v",
      e: "q-GFqW-4GHu1_Ysmh-PKMA",
    },
    deviceKey: "173d9fb18fbbb7a73657df619dcbb4dc1bbb37ccca1bb34944c2ecbbad179b6f",
    canonical: "RP1|2MN8X-2411-000123|2MN-8016|A1B2C3D4E5F6|4.1.7|1|1763726400|ZGVmZ2hpamtsbW5v|q-GFqW-4GHu1_Ysmh-PKMA",
    tag: "klyoQ4aHwonZh-hv97123g",
    url: "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g",
    code: "jAb6LFtn",
  },
  {
    reservedEmail: "  kim.lee+cams@mail.example.org ",
    fields: {
      s: "HS9NVR0000042",
      p: "HS-N9",
      m: "001122AABBCC",
      f: "V2.0.3_b7",
      v: "2",
      t: "1800000000",
      n: "________________",
      e: "Sv72v5m7R5WsMxv7UYTd4Q",
    },
    deviceKey: "a98b694b9d72cd9537e24d43a300e3c6bfed03d1be5b598af7f7f2651e9dc079",
    canonical: "RP1|HS9NVR0000042|HS-N9|001122AABBCC|V2.0.3_b7|2|1800000000|________________|Sv72v5m7R5WsMxv7UYTd4Q",
    tag: "hq4RIEdTPb5_Yv4E_3UpNw",
    url: "https://reset.example.com/rp1?s=HS9NVR0000042&p=HS-N9&m=001122AABBCC&f=V2.0.3_b7&v=2&t=1800000000&n=________________&e=Sv72v5m7R5WsMxv7UYTd4Q&g=hq4RIEdTPb5_Yv4E_3UpNw",
    code: "7AFhANE5",
  },
  {
    reservedEmail: "a@b.co",
    fields: {
      s: "NO-DVR-77",
      p: "NO4K",
      m: "FFFFFFFFFFFF",
      f: "1",
      v: "1",
      t: "0",
      n: "AAAAAAAAAAAAAAAA",
      e: "j-dUB79wy4I9zll53V3qjg",
    },
    deviceKey: "aed34b3e10be199e0e6c40ad5928a36c8675b69f9a484812dfa71bee75aaf01b",
    canonical: "RP1|NO-DVR-77|NO4K|FFFFFFFFFFFF|1|1|0|AAAAAAAAAAAAAAAA|j-dUB79wy4I9zll53V3qjg",
    tag: "EMGI57eRMuGaDyeg77oTaQ",
    url: "https://reset.example.com/rp1?s=NO-DVR-77&p=NO4K&m=FFFFFFFFFFFF&f=1&v=1&t=0&n=AAAAAAAAAAAAAAAA&e=j-dUB79wy4I9zll53V3qjg&g=EMGI57eRMuGaDyeg77oTaQ",
    code: "85je25Dn",
  },
];
