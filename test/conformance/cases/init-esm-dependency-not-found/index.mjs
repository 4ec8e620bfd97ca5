import missing from 'not-installed-anywhere';
export const handler = async () => missing;
