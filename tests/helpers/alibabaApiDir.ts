/**
 * Alibaba's own API definitions (aliyun-openapi-meta, one JSON file per API) that the Alibaba
 * stand-ins check every call against, as jest.config.js found them for this test run. They are
 * Alibaba's data, not the project's, so a checkout does not carry them.
 */
export const alibabaApiDir = (): string | undefined => process.env.FAKE_ALIYUN_API_DIR;

/** The error of a test that needs the definitions and finds none: where they go. */
export const MISSING_ALIBABA_API =
  "Alibaba's API definitions are missing: put aliyun/aliyun-openapi-meta's en-US/{cs,adcp,vpc} folders in shared/vendor/alibaba-openapi beside the checkout (or an ancestor of it), or set FAKE_ALIYUN_API_DIR";
