/** The admin the service creates on the first start of the embedded database. */
export const FIRST_ADMIN_USERNAME = 'admin';

/** Its one-time password's file, in DATA_DIR/secrets beside the generated keys. */
export const FIRST_ADMIN_PASSWORD_FILE = 'first-admin-password';
