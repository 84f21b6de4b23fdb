// The SPDX 2.3 JSON schema's (spdx/spdx-spec schemas/spdx-schema-2-3.json) required fields, enums and
// closed objects for the parts Strata writes, with the formats the spec's prose sets and the schema
// leaves as plain strings: the creation date, the namespace URI, SPDX IDs, purls. Used by the tests that
// check Strata's SPDX documents with ajv.
const spdxId = { type: 'string', pattern: '^SPDXRef-[A-Za-z0-9.-]+$' };
const text = { type: 'string', minLength: 1 };

const externalRef = {
  type: 'object',
  required: ['referenceCategory', 'referenceLocator', 'referenceType'],
  additionalProperties: false,
  properties: {
    comment: { type: 'string' },
    referenceCategory: { enum: ['OTHER', 'PERSISTENT-ID', 'SECURITY', 'PACKAGE-MANAGER'] },
    referenceType: text,
    referenceLocator: { type: 'string', pattern: '^\\S+$' },
  },
  // A purl locator is a purl (spec annex F): pkg:type/…
  if: { properties: { referenceType: { const: 'purl' } } },
  then: { properties: { referenceLocator: { type: 'string', pattern: '^pkg:[a-z][a-z0-9.+-]*/[^\\s]+$' } } },
};

const spdxPackage = {
  type: 'object',
  required: ['SPDXID', 'downloadLocation', 'name'],
  additionalProperties: false,
  properties: {
    SPDXID: spdxId,
    name: text,
    versionInfo: { type: 'string' },
    description: { type: 'string' },
    comment: { type: 'string' },
    downloadLocation: text,
    filesAnalyzed: { type: 'boolean' },
    licenseConcluded: { type: 'string' },
    licenseDeclared: { type: 'string' },
    copyrightText: { type: 'string' },
    supplier: { type: 'string', pattern: '^(NOASSERTION|(Person|Organization): .+)$' },
    sourceInfo: { type: 'string' },
    primaryPackagePurpose: {
      enum: [
        'OTHER',
        'INSTALL',
        'ARCHIVE',
        'FIRMWARE',
        'APPLICATION',
        'FRAMEWORK',
        'LIBRARY',
        'CONTAINER',
        'SOURCE',
        'DEVICE',
        'OPERATING_SYSTEM',
        'FILE',
      ],
    },
    externalRefs: { type: 'array', items: externalRef },
  },
};

export const spdx23Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['SPDXID', 'spdxVersion', 'dataLicense', 'name', 'documentNamespace', 'creationInfo'],
  properties: {
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    name: text,
    // A URI with no `#` (spec 6.5).
    documentNamespace: { type: 'string', format: 'uri', pattern: '^[^#]+$' },
    creationInfo: {
      type: 'object',
      required: ['created', 'creators'],
      additionalProperties: false,
      properties: {
        comment: { type: 'string' },
        // YYYY-MM-DDThh:mm:ssZ (spec 6.9).
        created: { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
        creators: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^(Person|Organization|Tool): .+$' } },
        licenseListVersion: { type: 'string' },
      },
    },
    packages: { type: 'array', items: spdxPackage },
    relationships: {
      type: 'array',
      items: {
        type: 'object',
        required: ['spdxElementId', 'relatedSpdxElement', 'relationshipType'],
        additionalProperties: false,
        properties: {
          spdxElementId: { type: 'string' },
          relatedSpdxElement: { type: 'string' },
          relationshipType: { enum: ['DESCRIBES', 'DESCRIBED_BY', 'CONTAINS', 'CONTAINED_BY', 'DEPENDS_ON', 'OTHER'] },
          comment: { type: 'string' },
        },
      },
    },
  },
} as const;
